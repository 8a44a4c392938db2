import { describe, expect, it } from 'vitest';
import { minorToInput, parseMajorAmount } from './paymentsApi';

describe('amounts typed in major units', () => {
  it('converts exactly, without float errors', () => {
    expect(parseMajorAmount('19.99', 'CNY')).toBe(1999);
    expect(parseMajorAmount('1.005', 'CNY')).toBeNull();
    expect(parseMajorAmount('0.29', 'CNY')).toBe(29); // 0.29 * 100 = 28.999999999999996 as a float
    expect(parseMajorAmount('1,234.5', 'CNY')).toBe(123450);
    expect(parseMajorAmount('100', 'JPY')).toBe(100);
    expect(parseMajorAmount('1.5', 'JPY')).toBeNull();
    expect(parseMajorAmount('1.234', 'BHD')).toBe(1234);
  });

  it('refuses what is not a positive amount', () => {
    for (const bad of ['', '0', '0.00', '-5', 'abc', '1.2.3', '.5x']) expect(parseMajorAmount(bad, 'CNY'), bad).toBeNull();
  });

  it('prefills inputs from minor units and reads them back unchanged', () => {
    expect(minorToInput(1999, 'CNY')).toBe('19.99');
    expect(minorToInput(5, 'CNY')).toBe('0.05');
    expect(minorToInput(700, 'JPY')).toBe('700');
    for (const minor of [1, 10, 99, 100, 123456789]) expect(parseMajorAmount(minorToInput(minor, 'CNY'), 'CNY')).toBe(minor);
  });
});
