import { Component, type ReactNode } from 'react';
import { Translation } from 'react-i18next';

/** One failing view must not take the shell (and the save status) down with it. */
export class ViewBoundary extends Component<
  { children: ReactNode; resetKey: string },
  { error: Error | null; key: string }
> {
  override state = { error: null as Error | null, key: '' };
  static getDerivedStateFromError(error: Error) {
    return { error };
  }
  static getDerivedStateFromProps(
    props: { resetKey: string },
    state: { error: Error | null; key: string },
  ) {
    return props.resetKey !== state.key ? { error: null, key: props.resetKey } : null;
  }
  override render() {
    if (this.state.error) {
      const message = this.state.error.message;
      return (
        <Translation ns="shell">
          {(t) => (
            <div className="view-error" role="alert" data-testid="view-error">
              {t('viewFailed', { message })}
            </div>
          )}
        </Translation>
      );
    }
    return this.props.children;
  }
}
