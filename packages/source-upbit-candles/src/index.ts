export {upbit} from './upbit';
