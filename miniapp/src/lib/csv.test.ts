import { CSV_BOM, csvField, csvText } from './csv';

describe('CSV for Excel', () => {
  it('starts with the UTF-8 byte-order mark and ends every row, the last too, with CRLF', () => {
    const text = csvText([
      ['门店', '到店次数'],
      ['静安寺店', 3],
    ]);
    expect(text.startsWith(CSV_BOM)).toBe(true);
    expect(text).toBe('\ufeff门店,到店次数\r\n静安寺店,3\r\n');
    expect(Buffer.from(text, 'utf8').subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
  });

  it('keeps Chinese text unquoted and intact', () => {
    expect(csvField('复购率')).toBe('复购率');
    expect(csvText([['沪上茶点·静安寺店', '生日礼']])).toBe('\ufeff沪上茶点·静安寺店,生日礼\r\n');
  });

  it('quotes fields holding a comma, a double quote or a line break, doubling the quotes', () => {
    expect(csvField('满100,减20')).toBe('"满100,减20"');
    expect(csvField('“招牌”与"特惠"')).toBe('"“招牌”与""特惠"""');
    expect(csvField('第一行\n第二行')).toBe('"第一行\n第二行"');
    expect(csvField('a\r\nb')).toBe('"a\r\nb"');
    expect(csvField(' 前后空格 ')).toBe('" 前后空格 "');
  });

  it('writes numbers plainly and leaves null, undefined and non-finite numbers empty', () => {
    expect(csvText([[0, 12.5, -3, null, undefined, Number.NaN, '']])).toBe('\ufeff0,12.5,-3,,,,\r\n');
  });

  it('round-trips a quoted row through a minimal RFC 4180 reader', () => {
    const row = ['a,b', 'say "hi"', 'x\ny', '百分比 12.5%'];
    const body = csvText([row]).slice(1, -2);
    const cells: string[] = [];
    let i = 0;
    while (i <= body.length) {
      if (body[i] === '"') {
        let value = '';
        i++;
        while (i < body.length) {
          if (body[i] === '"' && body[i + 1] === '"') {
            value += '"';
            i += 2;
          } else if (body[i] === '"') break;
          else value += body[i++];
        }
        cells.push(value);
        i += 2;
      } else {
        const end = body.indexOf(',', i) === -1 ? body.length : body.indexOf(',', i);
        cells.push(body.slice(i, end));
        i = end + 1;
      }
    }
    expect(cells).toEqual(row);
  });
});
