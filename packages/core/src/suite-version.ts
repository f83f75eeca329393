/** The suite's one version (root package.json), written into reports, SARIF and audit records. */
export const SUITE_VERSION = '0.1.0';
