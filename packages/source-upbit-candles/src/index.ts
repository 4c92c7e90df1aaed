export {connectionSpecification} from './connection-specification';
export {upbit} from './upbit';
