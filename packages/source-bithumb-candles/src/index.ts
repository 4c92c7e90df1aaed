export {connectionSpecification} from './connection-specification';
export {bithumb} from './bithumb';
