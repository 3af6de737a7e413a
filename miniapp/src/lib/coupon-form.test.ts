import { emptyForm, parseFold, toTemplateInput, type TemplateForm } from './coupon-form';

const form = (over: Partial<TemplateForm>): TemplateForm => ({ ...emptyForm('2025-03-01'), name: '周末满100减20', ...over });

describe('the 新建券模板 form', () => {
  it('reads 折 as the share paid', () => {
    expect(parseFold('8.5')).toBe(85);
    expect(parseFold('9')).toBe(90);
    expect(parseFold('0.5')).toBe(5);
    expect(parseFold('0')).toBeNull();
    expect(parseFold('10')).toBeNull();
    expect(parseFold('8.55')).toBeNull();
  });

  it('turns a 满减 in yuan into fen, with a minimum spend, N days, unlimited stock', () => {
    expect(toTemplateInput(form({ value: '20', minSpend: '100' }))).toEqual({
      input: {
        name: '周末满100减20',
        kind: 'amount_off',
        valueFen: 2_000,
        payPercent: null,
        capFen: null,
        itemName: null,
        minSpendFen: 10_000,
        validity: { type: 'relative', days: 30 },
        storeIds: null,
        stock: null,
        perMemberLimit: 1,
        obtainedBy: 'claim',
        pointsCost: null,
        stackable: false,
      },
    });
  });

  it('builds a capped 折扣 for chosen stores with fixed dates and stock', () => {
    const result = toTemplateInput(
      form({
        kind: 'percent_off',
        fold: '8.5',
        cap: '30',
        validityType: 'fixed',
        from: '2025-03-01',
        to: '2025-03-31',
        storeIds: ['xuhui'],
        stockLimited: true,
        stock: '200',
        perMemberLimit: '2',
      }),
    );
    expect(result).toMatchObject({
      input: {
        kind: 'percent_off',
        payPercent: 85,
        capFen: 3_000,
        valueFen: 0,
        validity: { type: 'fixed', from: '2025-03-01', to: '2025-03-31' },
        storeIds: ['xuhui'],
        stock: 200,
        perMemberLimit: 2,
      },
    });
  });

  it('builds a 兑换券 exchanged for points, stackable', () => {
    const result = toTemplateInput(form({ kind: 'free_item', itemName: '招牌奶茶', value: '28', obtainedBy: 'exchange', pointsCost: '500', stackable: true }));
    expect(result).toMatchObject({ input: { kind: 'free_item', itemName: '招牌奶茶', valueFen: 2_800, obtainedBy: 'exchange', pointsCost: 500, stackable: true } });
  });

  it('says in Chinese what is missing or wrong, before anything is sent', () => {
    expect(toTemplateInput(form({ name: '', value: '20' }))).toEqual({ errors: ['券名称须为 1–30 个字'] });
    expect(toTemplateInput(form({ value: '' }))).toEqual({ errors: ['请填写减免金额（元）'] });
    expect(toTemplateInput(form({ kind: 'percent_off', fold: '12' }))).toEqual({ errors: ['折扣须在 0.1 至 9.9 折之间'] });
    expect(toTemplateInput(form({ value: '20', obtainedBy: 'exchange' }))).toEqual({ errors: ['请填写兑换所需积分'] });
    expect(toTemplateInput(form({ value: '20', validityType: 'fixed', from: '2025-04-01', to: '2025-03-01' }))).toEqual({ errors: ['有效期开始日期不能晚于结束日期'] });
    expect(toTemplateInput(form({ value: '20', stockLimited: true, stock: '0' }))).toEqual({ errors: ['库存须为 1 以上的整数'] });
    expect(toTemplateInput(form({ value: '20', storeIds: [] }))).toEqual({ errors: ['请至少选择一家门店'] });
    expect(toTemplateInput(form({ value: '20', perMemberLimit: '0' }))).toEqual({ errors: ['每人限领须在 1 至 100 之间'] });
    expect(toTemplateInput(form({ kind: 'free_item', itemName: ' ', value: '28' }))).toEqual({ errors: ['请填写兑换商品（最多 30 个字）'] });
  });
});
