/**
 * Pure conformance checks: each takes parsed messages (and the exit code) and returns the
 * list of violations, empty when the output conforms. Each violation names the message index,
 * the stream and the field involved.
 */
export {
  checkSpec,
  specSchemaRules,
  SECRET_PROPERTY_NAMES,
  FORBIDDEN_SPEC_KEYWORDS,
} from './checks/spec';
export type {SpecCheckOptions} from './checks/spec';
export {checkConnection} from './checks/connection';
export type {ConnectionCheckOptions} from './checks/connection';
export {checkDiscover, checkCatalog, catalogFrom} from './checks/discover';
export {checkRead} from './checks/read';
export type {ReadCheckOptions} from './checks/read';
