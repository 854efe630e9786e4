import { describe, expect, it } from 'vitest';
import { isStandaloneOrg, labelledUnit, labelledUnits, leadingRole, orgKind } from '../../../detectors/lib/org.ts';

describe('organisation names', () => {
  it.each(['某省委组织部', '某市人民政府办公室', '某市人民政府', '国家税务总局某市税务局', '某市大数据中心', '某省教育厅', '某市发展和改革委员会'])('%s is a government unit', (s) =>
    expect(orgKind(s)).toBe('gov'),
  );
  it.each(['某某数字科技有限公司', '技术支持：某某软件', '某某信息技术股份公司'])('%s is a vendor', (s) => expect(orgKind(s)).toBe('vendor'));
  it.each(['智慧城市', '河湖巡护通', '某某县水利局河湖长制工作领导小组办…'])('%s is not recognisably a unit', (s) => expect(orgKind(s)).toBe('other'));

  it('reads labelled units at the start of a field', () => {
    expect(labelledUnit('主办单位：某省委组织部')).toEqual({ label: '主办单位', name: '某省委组织部' });
    // A mini-program's about page (更多资料) names its operator of record as 账号主体; a quick app's as 服务提供方.
    expect(labelledUnit('账号主体  某市政务服务和数据管理局')).toEqual({ label: '账号主体', name: '某市政务服务和数据管理局' });
    expect(labelledUnit('服务提供方：某市公安局')).toEqual({ label: '服务提供方', name: '某市公安局' });
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

  it('gives each field of a portal footer its role: host, operator, vendor, author, identifier', () => {
    const footer = '主办单位：某市人民政府办公厅 承办单位：某市大数据发展管理局 技术支持：某某数字科技有限公司 网站标识码：3301000001 浙公网安备 33010002000001号 浙ICP备05070602号-1';
    expect(labelledUnits(footer)).toEqual([
      { label: '主办单位', role: 'host', name: '某市人民政府办公厅' },
      { label: '承办单位', role: 'operator', name: '某市大数据发展管理局' },
      { label: '技术支持', role: 'vendor', name: '某某数字科技有限公司' },
      { label: '网站标识码', role: 'identifier', name: '3301000001' },
      { label: '公网安备', role: 'identifier', name: '33010002000001号' },
    ]);
    expect(labelledUnits('来源：某市交通运输局 作者：张三')).toEqual([
      { label: '来源', role: 'author', name: '某市交通运输局' },
      { label: '作者', role: 'author', name: '张三' },
    ]);
    expect(labelledUnits('运维：某市信息中心')[0]).toMatchObject({ role: 'operator', name: '某市信息中心' });
    expect(labelledUnit('承办单位：某市大数据中心  主办单位：某市人民政府')?.label).toBe('承办单位');
    expect(leadingRole('发布机构')).toBe('author');
    expect(leadingRole('主办：某市人民政府')).toBe('host');
    expect(leadingRole('某市人民政府来源')).toBeUndefined();
  });

  // The form of a real provincial portal's footer (mhxqwer/djjiangsu.gov.cn static/js/1708171610341487.js; test/fixtures/h5/SOURCES.md).
  it('reads a unit named before its role as a field: 某省人民政府办公厅主办', () => {
    expect(labelledUnits('某省人民政府办公厅主办')).toEqual([{ label: '主办', role: 'host', name: '某省人民政府办公厅' }]);
    expect(labelledUnits('版权所有：某省人民政府 备案序号：某ICP备05000001号\n某省人民政府办公厅主办苏公网安备:32000000000001号').filter((u) => u.role === 'host')).toEqual([
      { label: '主办', role: 'host', name: '某省人民政府办公厅' },
    ]);
    expect(labelledUnit('某省人民政府办公厅主办  某省大数据管理中心承办')).toEqual({ label: '主办', name: '某省人民政府办公厅' });
    expect(labelledUnits('某省大数据管理中心承办')).toEqual([{ label: '承办', role: 'operator', name: '某省大数据管理中心' }]);
  });
  it('does not take a sentence about an event for a field', () => {
    expect(labelledUnits('由中共某省委宣传部、某省文化和旅游厅、某省文学艺术界联合会共同主办的美术书法展在某省美术馆开幕。')).toEqual([]);
    expect(labelledUnits('省文化和旅游厅主办的展览')).toEqual([]);
    expect(labelledUnits('本次活动由市委宣传部主办，市图书馆承办。')).toEqual([]);
    expect(labelledUnits('欢迎主办')).toEqual([]);
    // Labelled once already: not counted twice.
    expect(labelledUnits('主办：某市人民政府办公厅主办').length).toBe(1);
  });
});
