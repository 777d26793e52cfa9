/**
 * Work done a slice per task (`later` schedules the next: a task of its own, so messages are
 * handled between slices), stoppable between any two slices: paused, it does nothing until
 * resumed; cancelled, it never runs again. The collation ranking and the hand-over of a list to
 * a collation worker both run this way, so a search keystroke never waits behind either.
 */
export abstract class SlicedWork {
  protected paused = false;
  protected over = false;
  private scheduled = false;

  constructor(private readonly later: (f: () => void) => void) {}

  pause(): void {
    this.paused = true;
  }

  resume(): void {
    this.paused = false;
    this.kick();
  }

  cancel(): void {
    this.over = true;
  }

  /** Nothing is left to do. */
  protected abstract finished(): boolean;

  /** A slice may run now (false: waiting on something else, which calls kick() when it may). */
  protected ready(): boolean {
    return true;
  }

  /** One slice of the work; it calls kick() for the next. */
  protected abstract slice(): void;

  /** Schedules the next slice unless paused, cancelled, finished or already scheduled. */
  protected kick(): void {
    if (this.scheduled || this.paused || this.over || this.finished() || !this.ready()) return;
    this.scheduled = true;
    this.later(() => {
      this.scheduled = false;
      if (this.paused || this.over || this.finished()) return;
      this.slice();
    });
  }
}
