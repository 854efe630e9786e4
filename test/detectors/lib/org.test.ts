import { describe, expect, it } from 'vitest';
import { isStandaloneOrg, labelledUnit, orgKind } from '../../../detectors/lib/org.ts';

describe('organisation names', () => {
  it.each(['某省委组织部', '某市人民政府办公室', '某市人民政府', '国家税务总局某市税务局', '某市大数据中心', '某省教育厅', '某市发展和改革委员会'])('%s is a government unit', (s) =>
    expect(orgKind(s)).toBe('gov'),
  );
  it.each(['某某数字科技有限公司', '技术支持：某某软件', '某某信息技术股份公司'])('%s is a vendor', (s) => expect(orgKind(s)).toBe('vendor'));
  it.each(['智慧城市', '河湖巡护通', '某某县水利局河湖长制工作领导小组办…'])('%s is not recognisably a unit', (s) => expect(orgKind(s)).toBe('other'));

  it('reads labelled units at the start of a field', () => {
    expect(labelledUnit('主办单位：某省委组织部')).toEqual({ label: '主办单位', name: '某省委组织部' });
    expect(labelledUnit('使用单位  某市财政局')).toEqual({ label: '使用单位', name: '某市财政局' });
    expect(labelledUnit('主办：某市人民政府  承办：某市大数据中心')).toEqual({ label: '主办', name: '某市人民政府' });
    expect(labelledUnit('主办单位：某市人民政府 技术支持：某某科技有限公司')?.name).toBe('某市人民政府');
    expect(labelledUnit('本次活动由市委宣传部主办，市图书馆承办。')).toBeUndefined();
    expect(labelledUnit('主办单位：')).toBeUndefined();
  });

  it('standalone names are one token without digits', () => {
    expect(isStandaloneOrg('某市人民政府办公室')).toBe(true);
    expect(isStandaloneOrg('2026-11-20  省委办公厅')).toBe(false);
    expect(isStandaloneOrg('王五   市政府办公室')).toBe(false);
    expect(isStandaloneOrg('某市人民政府办…')).toBe(false);
  });
});
