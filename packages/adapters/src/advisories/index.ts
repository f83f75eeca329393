export { createAdvisorySources, ADVISORY_SOURCE_KINDS, type AdvisorySourceSpec, type AdvisorySourceFactory } from './create-advisory-sources';
export type { AdvisorySourceDeps } from './advisory-source-deps';
export { CombinedAdvisorySource } from './combined-advisory-source';
export { mergeAdvisories } from './merge-advisories';
export { OsvApiSource, type OsvApiOptions } from './osv-api-source';
export { OsvDirectorySource, type OsvDirectoryOptions } from './osv-directory-source';
export { NpmAdvisorySource, npmBulkAnswerSchema, type NpmAdvisoryOptions } from './npm-advisory-source';
