import { fitValue } from '../../functions/wechat/subscribe';

const points = (value: string) => [...value].length;

describe('fitting subscribe-message values to WeChat limits', () => {
  it('leaves a thing of 20 characters alone and cuts a longer one to 20 with an ellipsis', () => {
    const twenty = '沪上茶点静安寺店生日快乐送您一张八折券哦';
    expect(points(twenty)).toBe(20);
    expect(fitValue('thing1', twenty)).toBe(twenty);
    const long = `${twenty}，欢迎光临`;
    const fitted = fitValue('thing2', long);
    expect(points(fitted)).toBe(20);
    expect(fitted).toBe('沪上茶点静安寺店生日快乐送您一张八折券…');
  });

  it('counts code points, so an emoji (two UTF-16 units) is never split', () => {
    const value = '🎂'.repeat(25);
    const fitted = fitValue('thing3', value);
    expect(points(fitted)).toBe(20);
    expect(fitted).toBe(`${'🎂'.repeat(19)}…`);
  });

  it('does not leave a space before the ellipsis, and collapses runs of spaces', () => {
    expect(fitValue('thing1', 'Welcome back, dear member of ours')).toBe('Welcome back, dear…');
    expect(fitValue('thing1', 'Hello    there')).toBe('Hello there');
  });

  it('replaces newlines and other control characters, which WeChat refuses', () => {
    expect(fitValue('thing1', '  第一行\n第二行\t\r\n  ')).toBe('第一行 第二行');
  });

  it('keeps names to 10 characters and short things to 5', () => {
    expect(fitValue('name1', '欧阳娜娜娜娜娜娜娜娜娜')).toBe('欧阳娜娜娜娜娜娜娜…');
    expect(points(fitValue('name1', '欧阳娜娜娜娜娜娜娜娜娜'))).toBe(10);
    expect(fitValue('name2', '张三')).toBe('张三');
    expect(fitValue('short_thing1', '生日礼券已到账')).toBe('生日礼券…');
  });

  it('keeps a phrase to five Chinese characters, dropping anything else', () => {
    expect(fitValue('phrase1', '配送中')).toBe('配送中');
    expect(fitValue('phrase2', '已发放优惠券给您')).toBe('已发放优惠');
    expect(fitValue('phrase3', 'VIP会员!')).toBe('会员');
  });

  it('keeps a character_string to 32 printable ASCII characters', () => {
    expect(fitValue('character_string1', 'TK-2024-0001')).toBe('TK-2024-0001');
    expect(fitValue('character_string2', 'A B\nC')).toBe('ABC');
    expect(fitValue('character_string3', 'x'.repeat(40))).toBe('x'.repeat(32));
    expect(fitValue('character_string4', '券号：TK01')).toBe('TK01');
  });

  it('normalises numbers and amounts without changing their value', () => {
    expect(fitValue('number1', ' 1,234.5 ')).toBe('1234.5');
    expect(fitValue('amount2', '￥ 1,280.00')).toBe('￥1280.00');
    expect(fitValue('amount3', '¥25元')).toBe('¥25元');
    // Never cut: a shortened number would be a wrong number; WeChat's 47003 reports it instead.
    expect(fitValue('number2', '9'.repeat(40))).toBe('9'.repeat(40));
  });

  it('strips spaces from letters and leaves dates and times as written (cleaned)', () => {
    expect(fitValue('letter1', 'VIP Gold')).toBe('VIPGold');
    expect(fitValue('date1', '2025年3月8日')).toBe('2025年3月8日');
    expect(fitValue('time2', ' 2025-03-08 10:00~12:00\n')).toBe('2025-03-08 10:00~12:00');
    expect(fitValue('phone_number1', '+86-021-66888866')).toBe('+86-021-66888866');
  });

  it('cleans but otherwise passes unknown types through', () => {
    expect(fitValue('enum1', ' 已完成 ')).toBe('已完成');
  });
});
