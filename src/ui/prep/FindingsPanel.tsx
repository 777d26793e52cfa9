import { memo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Finding } from '../../analysis/types';
import type { LintResult } from '../../analysis/lint';
import { PRESET_NAMES, type PresetName } from '../../analysis/presets';
import type { PrepNode } from '../../model';
import { Button } from '../common';
import { HoldersInput } from './HoldersInput';

export type ReviewStatus = 'accepted' | 'dismissed' | null;
export type OnReview = (key: string, status: ReviewStatus, note?: string) => void;

/**
 * "N errors, M warnings" and the list, most impact first; clicking a finding selects and centres
 * its box. Each finding can be accepted or dismissed with a note (stored with the diagram); the
 * dismissed ones are counted and listed on demand. The holders notice opens a form to record the
 * missing holders in place.
 */
function FindingsPanel({
  lint,
  preset,
  onPreset,
  onPick,
  onReview,
  holdersForm,
  onRecordHolders,
}: {
  lint: LintResult;
  preset: PresetName;
  onPreset: (p: PresetName) => void;
  onPick: (f: Finding) => void;
  onReview: OnReview;
  /** Open: the boxes to record holders for (the editor passes their current state). */
  holdersForm: {
    nodes: PrepNode[];
    onChange: (id: string, h: string[]) => void;
    onClose: () => void;
  } | null;
  onRecordHolders: (nodeIds: string[]) => void;
}) {
  const { t } = useTranslation('prep');
  const [showDismissed, setShowDismissed] = useState(false);
  const parts = [
    t('findings.errors', { count: lint.errors }),
    t('findings.warnings', { count: lint.warnings }),
  ];
  if (lint.infos) parts.push(t('findings.notices', { count: lint.infos }));
  return (
    <div className="prep-findings" data-testid="prep-findings">
      <div className="prep-findings-head">
        <strong
          data-testid="findings-summary"
          data-errors={lint.errors}
          data-warnings={lint.warnings}
          data-infos={lint.infos}
        >
          {parts.join(t('findings.sep'))}
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
      {holdersForm && <HoldersForm {...holdersForm} />}
      {lint.findings.length === 0 && (
        <p className="hint" data-testid="findings-none">
          {t('findings.none')}
        </p>
      )}
      <ul className="prep-finding-list">
        {lint.findings.map((f) => (
          <FindingItem
            key={f.key}
            f={f}
            onPick={onPick}
            onReview={onReview}
            onRecordHolders={onRecordHolders}
          />
        ))}
      </ul>
      {lint.dismissed.length > 0 && (
        <div className="prep-dismissed">
          <button
            type="button"
            className="prep-link-button"
            aria-expanded={showDismissed}
            onClick={() => setShowDismissed((v) => !v)}
            data-testid="dismissed-toggle"
          >
            {showDismissed ? '▾' : '▸'} {t('findings.dismissed', { count: lint.dismissed.length })}
          </button>
          {showDismissed && (
            <ul className="prep-finding-list" data-testid="dismissed-list">
              {lint.dismissed.map((f) => (
                <li
                  key={f.key}
                  className="prep-finding prep-finding-dismissed"
                  data-testid="dismissed-finding"
                  data-key={f.key}
                >
                  <span className="prep-finding-rule">{t(`rules.${f.ruleId}.name`)}</span>
                  <span className="prep-finding-msg">
                    {t(`rules.${f.ruleId}.${f.messageKey}`, f.params)}
                  </span>
                  {f.review?.note && (
                    <span className="prep-finding-note" data-testid="dismissed-note">
                      {t('review.noteShown', { note: f.review.note })}
                    </span>
                  )}
                  <div className="prep-finding-actions">
                    <Button
                      variant="ghost"
                      onClick={() => onReview(f.key, null)}
                      data-testid="finding-restore"
                    >
                      {t('review.restore')}
                    </Button>
                  </div>
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </div>
  );
}

const FindingItem = memo(function FindingItem({
  f,
  onPick,
  onReview,
  onRecordHolders,
}: {
  f: Finding;
  onPick: (f: Finding) => void;
  onReview: OnReview;
  onRecordHolders: (nodeIds: string[]) => void;
}) {
  const { t } = useTranslation('prep');
  const [dismissing, setDismissing] = useState(false);
  const [note, setNote] = useState('');
  const accepted = f.review?.status === 'accepted';
  const why: string[] = [];
  if (f.severity !== 'info') {
    why.push(t('findings.reach', { count: f.impact.reach }));
    if (f.impact.finalPath) why.push(t('findings.finalPath'));
    if (f.impact.crossOrg) why.push(t('findings.crossOrg'));
  }
  return (
    <li
      className={`prep-finding prep-finding-${f.severity}${accepted ? ' is-accepted' : ''}`}
      data-testid="finding"
      data-rule={f.ruleId}
      data-node-id={f.nodeId}
      data-severity={f.severity}
      data-key={f.key}
      data-review={f.review?.status ?? ''}
      onClick={() => onPick(f)}
    >
      {/* The click (or Enter on this button) reaches the item's handler: one pick. */}
      <button type="button" className="prep-finding-main">
        <span className={`prep-sev prep-sev-${f.severity}`}>{t(`severity.${f.severity}`)}</span>
        <span className="prep-finding-rule">{t(`rules.${f.ruleId}.name`)}</span>
        {f.severity !== 'info' && (
          <span className="prep-finding-node">{String(f.params.label ?? '')}</span>
        )}
        <span className="prep-finding-msg" data-testid="finding-message">
          {t(`rules.${f.ruleId}.${f.messageKey}`, f.params)}
        </span>
      </button>
      <span className="prep-finding-q" data-testid="finding-question">
        <span className="prep-finding-ask">{t('findings.ask')}</span>{' '}
        {t(`rules.${f.ruleId}.question`, f.params)}
      </span>
      {why.length > 0 && (
        <span className="prep-finding-why" data-testid="finding-impact">
          {t('findings.why', { reasons: why.join(' · ') })}
        </span>
      )}
      <div className="prep-finding-actions" onClick={(e) => e.stopPropagation()}>
        {f.ruleId === 'holders-not-recorded' && (
          <Button
            variant="primary"
            onClick={() => onRecordHolders([f.nodeId, ...f.relatedNodeIds])}
            data-testid="record-holders"
          >
            {t('holders.record')}
          </Button>
        )}
        {accepted ? (
          <>
            <span className="prep-badge" data-testid="finding-accepted">
              ✓ {t('review.accepted')}
            </span>
            <Button
              variant="ghost"
              onClick={() => onReview(f.key, null)}
              data-testid="finding-reopen"
            >
              {t('review.reopen')}
            </Button>
          </>
        ) : (
          <Button
            variant="ghost"
            onClick={() => onReview(f.key, 'accepted')}
            data-testid="finding-accept"
            title={t('review.acceptHint')}
          >
            {t('review.accept')}
          </Button>
        )}
        {!dismissing && (
          <Button
            variant="ghost"
            onClick={() => setDismissing(true)}
            data-testid="finding-dismiss"
            title={t('review.dismissHint')}
          >
            {t('review.dismiss')}
          </Button>
        )}
      </div>
      {dismissing && (
        <form
          className="prep-dismiss-form"
          onClick={(e) => e.stopPropagation()}
          onSubmit={(e) => {
            e.preventDefault();
            onReview(f.key, 'dismissed', note.trim());
            setDismissing(false);
          }}
        >
          <label className="field">
            <span>{t('review.note')}</span>
            <input
              autoFocus
              value={note}
              placeholder={t('review.notePlaceholder')}
              onChange={(e) => setNote(e.target.value)}
              onKeyDown={(e) => e.key === 'Escape' && setDismissing(false)}
              data-testid="dismiss-note"
            />
          </label>
          <div className="prep-finding-actions">
            <Button type="submit" variant="primary" data-testid="dismiss-confirm">
              {t('review.dismiss')}
            </Button>
            <Button variant="ghost" onClick={() => setDismissing(false)}>
              {t('review.cancel')}
            </Button>
          </div>
        </form>
      )}
    </li>
  );
});

/** The boxes of the holders notice, each with its chip input: fill them in one after the other. */
function HoldersForm({
  nodes,
  onChange,
  onClose,
}: {
  nodes: PrepNode[];
  onChange: (id: string, h: string[]) => void;
  onClose: () => void;
}) {
  const { t } = useTranslation('prep');
  return (
    <section
      className="prep-holders-form"
      data-testid="holders-form"
      aria-label={t('holders.formTitle')}
    >
      <h4>{t('holders.formTitle')}</h4>
      <p className="hint">{t('holders.formHint')}</p>
      {nodes.map((n, i) => (
        <div key={n.id} className="field" data-testid="holders-form-row" data-node-id={n.id}>
          <span>{n.label || t('node.untitled')}</span>
          <HoldersInput
            value={n.holders}
            onChange={(h) => onChange(n.id, h)}
            autoFocus={i === 0}
            testId="holders-form-input"
          />
        </div>
      ))}
      <Button variant="primary" onClick={onClose} data-testid="holders-form-done">
        {t('holders.done')}
      </Button>
    </section>
  );
}

export default memo(FindingsPanel);
