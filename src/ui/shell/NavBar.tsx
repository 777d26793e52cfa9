import { useTranslation } from 'react-i18next';
import { VIEW_IDS, routeHash, type ViewId } from './routes';

const ICONS: Record<ViewId, string> = {
  diagrams: '▦',
  journey: '➜',
  health: '♥',
  ctas: '⚑',
  fields: '☰',
  data: '⛁',
  results: '▤',
  overview: '◫',
};

export function NavBar({ projectId, view }: { projectId: string; view: ViewId }) {
  const { t } = useTranslation('shell');
  return (
    <nav className="sidenav" aria-label={t('navLabel')}>
      {VIEW_IDS.map((v) => (
        <a
          key={v}
          href={routeHash({ kind: 'project', id: projectId, view: v })}
          className={`nav-item${v === view ? ' active' : ''}`}
          aria-current={v === view ? 'page' : undefined}
          data-testid={`nav-${v}`}
        >
          <span className="nav-icon" aria-hidden="true">
            {ICONS[v]}
          </span>
          {t(`nav.${v}`)}
        </a>
      ))}
    </nav>
  );
}
