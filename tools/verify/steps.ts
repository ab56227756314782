/** Records one named step of a run (its duration and outcome) around an action. */
export type Step = <T>(name: string, action: () => Promise<T>, detail?: (value: T) => string) => Promise<T>;

export interface StepRecord {
  readonly step: string;
  readonly ok: boolean;
  readonly detail: string;
  readonly seconds: number;
}

/** A {@link Step} that logs `… <name>` and appends each outcome to `steps`. */
export function recordSteps(steps: StepRecord[], log: (line: string) => void): Step {
  return async <T>(name: string, action: () => Promise<T>, detail: (value: T) => string = () => ''): Promise<T> => {
    const started = Date.now();
    log(`… ${name}`);
    try {
      const value = await action();
      steps.push({ step: name, ok: true, detail: detail(value), seconds: (Date.now() - started) / 1000 });
      return value;
    } catch (error) {
      steps.push({ step: name, ok: false, detail: (error as Error).message, seconds: (Date.now() - started) / 1000 });
      throw error;
    }
  };
}
