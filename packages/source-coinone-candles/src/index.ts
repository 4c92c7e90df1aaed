export {coinone} from './coinone';
