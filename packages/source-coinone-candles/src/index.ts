export {connectionSpecification} from './connection-specification';
export {coinone} from './coinone';
