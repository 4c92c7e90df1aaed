/**
 * Pure conformance checks: each takes parsed messages (and the exit code) and returns the
 * list of violations, empty when the output conforms. Each violation names the message index,
 * the stream and the field involved.
 */
export {checkSpec, specSchemaRules, SECRET_PROPERTY_NAMES, FORBIDDEN_SPEC_KEYWORDS} from './spec';
export type {SpecCheckOptions} from './spec';
export {checkConnection} from './connection';
export type {ConnectionCheckOptions} from './connection';
export {checkDiscover, checkCatalog, catalogFrom} from './discover';
export {checkRead} from './read';
export type {ReadCheckOptions} from './read';
