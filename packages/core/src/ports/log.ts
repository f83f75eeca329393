/** Where operations report progress (the step log on the runner). */
export interface Log {
  info(message: string): void;
  warning(message: string): void;
}
