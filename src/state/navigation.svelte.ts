import { isStepId, type StepId } from '../ui/steps';

/** The current step lives in the URL hash so that reload, back and forward keep the place. */
export class NavigationState {
  current = $state<StepId>('import');

  constructor() {
    this.#readHash();
    window.addEventListener('hashchange', () => this.#readHash());
  }

  go(step: StepId): void {
    if (this.current === step) return;
    this.current = step;
    window.location.hash = `/${step}`;
  }

  #readHash(): void {
    const candidate = window.location.hash.replace(/^#\/?/, '');
    if (isStepId(candidate)) this.current = candidate;
  }
}
