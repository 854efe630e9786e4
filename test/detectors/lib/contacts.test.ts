import { describe, expect, it } from 'vitest';
import { findContacts, labelledContact } from '../../../detectors/lib/contacts.ts';

describe('findContacts', () => {
  const kinds = (s: string) => findContacts(s).map((c) => `${c.kind}:${c.value}`);

  it('finds each kind', () => {
    expect(kinds('手机 13912345678')).toEqual(['mobile:13912345678']);
    expect(kinds('电话 0571-12345678')).toEqual(['landline:0571-12345678']);
    expect(kinds('电话 (010)66001234')).toEqual(['landline:(010)66001234']);
    expect(kinds('热线 400-800-1234')).toEqual(['hotline:400-800-1234']);
    expect(kinds('拨打12345')).toEqual(['hotline:12345']);
    expect(kinds('邮箱 oa@example.gov.cn')).toEqual(['email:oa@example.gov.cn']);
    expect(kinds('传真：010-66001234')).toEqual(['fax:010-66001234']);
  });

  it('reads full-width digits', () => {
    expect(kinds('电话：０５７１－１２３４５６７８')).toEqual(['landline:0571-12345678']);
  });

  it('does not see numbers inside longer digit runs', () => {
    expect(kinds('0571-12345678')).toEqual(['landline:0571-12345678']);
    expect(kinds('订单号 202611201234567890')).toEqual([]);
    expect(kinds('11912345678')).toEqual([]);
  });

  it('labelledContact needs a label', () => {
    expect(labelledContact('0571-12345678')).toBeUndefined();
    expect(labelledContact('客服电话：0571-12345678')?.kind).toBe('landline');
    expect(labelledContact('12345热线')?.kind).toBe('hotline');
  });
});
