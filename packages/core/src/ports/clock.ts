/** Time, passed in so that a two-minute verification runs in milliseconds under test. */
export interface Clock {
  now(): Date;
  sleep(seconds: number): Promise<void>;
}
