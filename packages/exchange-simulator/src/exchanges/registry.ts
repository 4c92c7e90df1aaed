import type {ExchangeId} from '../config';
import {bithumb} from './bithumb';
import {coinone} from './coinone';
import {korbit} from './korbit';
import type {ExchangeModule} from './module';
import {upbit} from './upbit';

export const EXCHANGE_MODULES: Readonly<Record<ExchangeId, ExchangeModule>> = {
  upbit,
  bithumb,
  coinone,
  korbit,
};
