import { useTranslation } from 'react-i18next';
import type { MigrationMatrix } from '../../engine';

export interface MigrationCell {
  from: string;
  to: string;
}

/**
 * A colour-migration matrix (from → to counts; '' = no score) whose non-zero cells list their
 * accounts when clicked: the History tab's between two stored runs, and a what-if preview's
 * between a stored run and the current model (WhatIfPanel). Without `onOpenAccount` the accounts
 * are listed as text.
 */
export function MigrationTable({
  matrix,
  label,
  cell,
  accounts,
  onCell,
  onOpenAccount,
}: {
  matrix: MigrationMatrix;
  label: (color: string) => string;
  cell: MigrationCell | null;
  /** The clicked cell's account ids. */
  accounts: string[];
  onCell: (cell: MigrationCell) => void;
  onOpenAccount?: (accountId: string) => void;
}) {
  const { t } = useTranslation('history');
  return (
    <>
      <table className="grid migration" data-testid="migration-matrix">
        <thead>
          <tr>
            <th>{t('migration.corner')}</th>
            {matrix.colors.map((c) => (
              <th key={c} className="num">
                {label(c)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {matrix.colors.map((from, i) => (
            <tr key={from}>
              <th>{label(from)}</th>
              {matrix.colors.map((to, j) => (
                <td key={to} className={`num${i === j ? ' diag' : ''}`}>
                  {matrix.counts[i][j] ? (
                    <button
                      type="button"
                      className="linklike"
                      data-testid={`cell-${from || 'none'}-${to || 'none'}`}
                      onClick={() => onCell({ from, to })}
                    >
                      {matrix.counts[i][j].toLocaleString()}
                    </button>
                  ) : (
                    <span className="hint">0</span>
                  )}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      <p className="hint">{t('migration.onlyIn', { a: matrix.onlyInA, b: matrix.onlyInB })}</p>
      {cell && (
        <div data-testid="migration-accounts">
          <h4>
            {t('migration.accounts', {
              from: label(cell.from),
              to: label(cell.to),
              count: accounts.length,
            })}
          </h4>
          <p>
            {accounts.slice(0, 500).map((id) =>
              onOpenAccount ? (
                <a
                  key={id}
                  href="#"
                  className="acct-chip"
                  onClick={(e) => {
                    e.preventDefault();
                    onOpenAccount(id);
                  }}
                >
                  {id}
                </a>
              ) : (
                <span key={id} className="acct-chip">
                  {id}
                </span>
              ),
            )}
            {accounts.length > 500 && (
              <span className="hint"> {t('migration.more', { count: accounts.length - 500 })}</span>
            )}
          </p>
        </div>
      )}
    </>
  );
}
