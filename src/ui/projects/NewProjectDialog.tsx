import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { emptyProject } from '../../model';
import { instantiateTemplate, listTemplates } from '../../model/templates';
import { addProject } from '../../store/projects';
import { Button, Dialog, notify } from '../common';
import { navigate } from '../shell/routes';

/** Create a project, empty or from a template, then open it. */
export function NewProjectDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t, i18n } = useTranslation('projects');
  const templates = useMemo(() => listTemplates(), []);
  const [name, setName] = useState('');
  const [template, setTemplate] = useState('');
  const [showError, setShowError] = useState(false);
  // The picker shows each template's name and description in the UI language.
  const uiLang = i18n.language.startsWith('ja') ? 'ja' : 'en';
  const create = async () => {
    const n = name.trim();
    if (!n) {
      setShowError(true);
      return;
    }
    const lang = i18n.language.startsWith('ja') ? 'ja' : 'en';
    const p = template
      ? instantiateTemplate(template, { name: n, lang })
      : emptyProject(n, undefined, lang);
    try {
      await addProject(p);
      onClose();
      setName('');
      setShowError(false);
      navigate({ kind: 'project', id: p.id, view: 'diagrams' });
    } catch (e) {
      notify({
        kind: 'error',
        text: t('failed', { action: t('new'), message: String((e as Error)?.message ?? e) }),
      });
    }
  };
  return (
    <Dialog
      open={open}
      title={t('newDialog.title')}
      onClose={onClose}
      testId="new-project-dialog"
      footer={
        <>
          <Button onClick={onClose}>{t('common:cancel')}</Button>
          <Button variant="primary" data-testid="new-project-create" onClick={() => void create()}>
            {t('common:create')}
          </Button>
        </>
      }
    >
      <form
        className="form"
        onSubmit={(e) => {
          e.preventDefault();
          void create();
        }}
      >
        <label className="field">
          <span>{t('newDialog.name')}</span>
          <input
            data-testid="new-project-name"
            data-native-undo
            value={name}
            placeholder={t('newDialog.namePlaceholder')}
            aria-invalid={showError && !name.trim()}
            onChange={(e) => setName(e.target.value)}
          />
          {showError && !name.trim() && (
            <span className="field-error" role="alert">
              {t('newDialog.nameRequired')}
            </span>
          )}
        </label>
        <label className="field">
          <span>{t('newDialog.template')}</span>
          <select
            data-testid="new-project-template"
            value={template}
            onChange={(e) => {
              setTemplate(e.target.value);
              const tpl = templates.find((x) => x.id === e.target.value);
              if (tpl && !name.trim()) setName(tpl.nameIn(uiLang));
            }}
          >
            <option value="">{t('newDialog.empty')}</option>
            {templates.map((tpl) => (
              <option key={tpl.id} value={tpl.id}>
                {tpl.nameIn(uiLang)}
              </option>
            ))}
          </select>
        </label>
        {template && (
          <p className="hint">{templates.find((x) => x.id === template)?.descriptionIn(uiLang)}</p>
        )}
        <button type="submit" hidden />
      </form>
    </Dialog>
  );
}
