import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import type { Finding } from '../../analysis/types';
import type { LintResult } from '../../analysis/lint';
import { PRESET_NAMES, type PresetName } from '../../analysis/presets';

/**
 * "N errors, M warnings" and the list; clicking a finding selects and centres its box. Takes only
 * the lint result (box labels come with each finding), so moving boxes does not re-render it.
 */
function FindingsPanel({
  lint,
  preset,
  onPreset,
  onPick,
}: {
  lint: LintResult;
  preset: PresetName;
  onPreset: (p: PresetName) => void;
  onPick: (f: Finding) => void;
}) {
  const { t } = useTranslation('prep');
  return (
    <div className="prep-findings" data-testid="prep-findings">
      <div className="prep-findings-head">
        <strong
          data-testid="findings-summary"
          data-errors={lint.errors}
          data-warnings={lint.warnings}
        >
          {t('findings.summary', {
            errors: t('findings.errors', { count: lint.errors }),
            warnings: t('findings.warnings', { count: lint.warnings }),
          })}
        </strong>
        <label className="prep-inline">
          <span>{t('findings.preset')}</span>
          <select
            value={preset}
            onChange={(e) => onPreset(e.target.value as PresetName)}
            data-testid="findings-preset"
          >
            {PRESET_NAMES.map((p) => (
              <option key={p} value={p}>
                {t(`preset.${p}`)}
              </option>
            ))}
          </select>
        </label>
      </div>
      {lint.findings.length === 0 && (
        <p className="hint" data-testid="findings-none">
          {t('findings.none')}
        </p>
      )}
      <ul className="prep-finding-list">
        {lint.findings.map((f, i) => (
          <li key={`${f.ruleId}:${f.nodeId}:${i}`}>
            <button
              type="button"
              className={`prep-finding prep-finding-${f.severity}`}
              data-testid="finding"
              data-rule={f.ruleId}
              data-node-id={f.nodeId}
              data-severity={f.severity}
              onClick={() => onPick(f)}
            >
              <span className={`prep-sev prep-sev-${f.severity}`}>
                {t(`severity.${f.severity}`)}
              </span>
              <span className="prep-finding-rule">{t(`rules.${f.ruleId}.name`)}</span>
              <span className="prep-finding-node">{String(f.params.label ?? '')}</span>
              <span className="prep-finding-msg">
                {t(`rules.${f.ruleId}.${f.messageKey}`, f.params)}
              </span>
              <span className="prep-finding-q">
                {t('findings.ask')} {t(`rules.${f.ruleId}.question`)}
              </span>
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}

export default memo(FindingsPanel);
