/**
 * The worker's wait between claims: `shortenTo` brings its end forward (a wake), never back;
 * `end` finishes it now (stop). Outside a wait both do nothing.
 */
export class Pause {
  private due = 0;
  private timer: NodeJS.Timeout | undefined;
  private resolve: (() => void) | undefined;

  /** Resolves after `ms`, or sooner when shortened or ended. */
  wait(ms: number): Promise<void> {
    return new Promise<void>((resolve) => {
      this.resolve = resolve;
      this.due = Date.now() + ms;
      this.timer = setTimeout(() => this.end(), ms);
    });
  }

  /** Ends the current wait `ms` from now, if it would end later than that. */
  shortenTo(ms: number): void {
    if (!this.resolve || Date.now() + ms >= this.due) return;
    clearTimeout(this.timer);
    this.due = Date.now() + ms;
    this.timer = setTimeout(() => this.end(), ms);
  }

  end(): void {
    clearTimeout(this.timer);
    const resolve = this.resolve;
    this.resolve = undefined;
    resolve?.();
  }
}
