import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MigrationMatrix } from '../../engine';
import { Button } from '../common';
import { downloadBlob, safeFileName } from '../common/download';
import { cellCsvParts, type AccountNames } from './accountNames';

/** Accounts of a clicked cell drawn at once; the rest are counted, and all are in its CSV. */
export const CELL_SHOWN = 200;

export interface MigrationCell {
  from: string;
  to: string;
}

/**
 * A colour-migration matrix (from → to counts; '' = no score) whose non-zero cells list their
 * accounts when clicked: the History tab's between two stored runs, and a what-if preview's
 * between a stored run and the current model (WhatIfPanel). A cell's accounts show their
 * company names (`names`: from the data now loaded) and link to their account pages where they
 * are in that data; the first CELL_SHOWN are drawn, and the whole cell downloads as CSV.
 */
export function MigrationTable({
  matrix,
  label,
  cell,
  accounts,
  onCell,
  onOpenAccount,
  names,
  fileName,
}: {
  matrix: MigrationMatrix;
  label: (color: string) => string;
  cell: MigrationCell | null;
  /** The clicked cell's account ids. */
  accounts: string[];
  onCell: (cell: MigrationCell) => void;
  onOpenAccount?: (accountId: string) => void;
  /** Company names and rows in the data now loaded (absent: ids only, no links). */
  names?: AccountNames;
  /** The cell CSV's file name before "-from-to.csv" (the runs' dates). */
  fileName: string;
}) {
  const { t } = useTranslation('history');
  const shown = useMemo(() => {
    const ids = accounts.slice(0, CELL_SHOWN);
    const rows = names?.rowsOf(ids);
    return ids.map((id, k) => {
      const row = rows ? rows[k] : -1;
      return { id, row, name: names && row >= 0 ? names.nameAt(row) : '' };
    });
  }, [accounts, names]);
  // The whole cell as CSV, written in steps that yield to the page (accountNames.ts).
  const [writing, setWriting] = useState(false);
  const download = async () => {
    if (!cell || writing) return;
    setWriting(true);
    try {
      const parts = await cellCsvParts(accounts, names, cell.from, cell.to);
      downloadBlob(
        new Blob(parts, { type: 'text/csv;charset=utf-8' }),
        `${safeFileName(`${fileName}-${cell.from || 'none'}-${cell.to || 'none'}`, 'migration')}.csv`,
      );
    } finally {
      setWriting(false);
    }
  };
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
          <ul className="acct-cell-list" data-testid="migration-account-list">
            {shown.map(({ id, row, name }) => (
              <li key={id} className="acct-chip" data-account={id}>
                {onOpenAccount && row >= 0 ? (
                  <a
                    href="#"
                    data-testid="migration-account-link"
                    onClick={(e) => {
                      e.preventDefault();
                      onOpenAccount(id);
                    }}
                  >
                    <span className="acct-id">{id}</span>
                    {name && <span className="acct-name"> {name}</span>}
                  </a>
                ) : (
                  <span title={names ? t('migration.notLoaded') : undefined}>
                    <span className="acct-id">{id}</span>
                    {names && row < 0 && <span className="hint"> {t('migration.gone')}</span>}
                  </span>
                )}
              </li>
            ))}
          </ul>
          <p className="toolbar">
            {accounts.length > CELL_SHOWN && (
              <span className="hint" data-testid="migration-more">
                {t('migration.more', {
                  count: accounts.length - CELL_SHOWN,
                  formatted: (accounts.length - CELL_SHOWN).toLocaleString(),
                })}
              </span>
            )}{' '}
            <Button
              data-testid="migration-cell-csv"
              disabled={writing}
              onClick={() => void download()}
            >
              {t('migration.csv', {
                count: accounts.length,
                formatted: accounts.length.toLocaleString(),
              })}
            </Button>
          </p>
        </div>
      )}
    </>
  );
}
