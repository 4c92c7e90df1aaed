export {bithumb} from './bithumb';
