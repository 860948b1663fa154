import type { KbLanguage } from '../shared/kb/types';

/**
 * The knowledge-base benchmark's corpus: 50,000 generated articles in zh-CN, zh-TW and en, the
 * way a large retailer's KB looks: one article per (product, topic, aspect, channel), plus an
 * overview ("hub") article per topic and per product in each language, plus short tips.
 * Deterministic (a seeded PRNG), so bench/kb-queries.json can name its expected articles by
 * what they are about; the generator pins those articles to the language the query expects.
 */

type Names = readonly [en: string, cn: string, tw: string];

interface Topic {
  readonly key: string;
  readonly names: Names;
  /** Sentences of a body, {p} standing for the product's name. */
  readonly lines: readonly [en: readonly string[], cn: readonly string[], tw: readonly string[]];
}

export const topics: readonly Topic[] = [
  t(
    'refund',
    ['refund', '退款', '退款'],
    [
      [
        'A refund for a {p} goes back to the original payment method.',
        'Refunds for {p} orders take 1 to 10 business days.',
        'Ask for photos when a {p} arrives damaged before you issue the refund.',
      ],
      [
        '{p}退款原路返回，支付宝一至三个工作日到账。',
        '{p}签收后三十天内可申请退款。',
        '{p}破损的请客户上传照片后再办理退款。',
      ],
      [
        '{p}退款退回原付款方式，信用卡需七到十四個工作天。',
        '{p}到貨後三十天內可申請退款。',
        '{p}破損請顧客上傳照片後再辦理退款。',
      ],
    ],
  ),
  t(
    'invoice',
    ['invoice', '发票', '發票'],
    [
      [
        'The invoice for a {p} order can be downloaded as a PDF.',
        'Company invoices for a {p} need the VAT number.',
        'A corrected {p} invoice is issued with a credit note.',
      ],
      ['{p}订单的电子发票可在订单详情下载。', '单位开具{p}发票需要填写税号。', '{p}发票抬头填错可申请重开。'],
      [
        '{p}訂單的電子發票存入會員載具。',
        '公司報帳的{p}發票請填寫統一編號。',
        '{p}發票開立後若需修改請於當期聯繫客服。',
      ],
    ],
  ),
  t(
    'delivery',
    ['delivery', '配送', '配送'],
    [
      [
        'Standard delivery of a {p} takes three to five business days.',
        'Express delivery for a {p} arrives the next day.',
        'Large {p} deliveries are booked by appointment.',
      ],
      [
        '{p}现货四十八小时内发货，配送一般二到四天。',
        '{p}大件商品由物流公司预约配送。',
        '偏远地区{p}配送需要五到七天。',
      ],
      ['{p}宅配出貨後一至二個工作天到貨。', '{p}可選擇超商取貨。', '大型{p}由物流預約時段配送。'],
    ],
  ),
  t(
    'tracking',
    ['tracking', '物流', '物流'],
    [
      [
        'Track the {p} parcel from My orders.',
        'The courier sends a tracking number for the {p} by text message.',
        'Tracking for a {p} can take a day to show the first scan.',
      ],
      ['{p}物流信息可在我的订单查询。', '{p}物流超过七十二小时不更新视为延误。', '{p}显示签收但未收到请先核实代收点。'],
      ['{p}物流進度可在我的訂單查詢。', '{p}出貨時會傳送簡訊通知貨運單號。', '{p}物流超過三天沒有更新請聯繫客服。'],
    ],
  ),
  t(
    'return',
    ['return', '退货', '退貨'],
    [
      [
        'Return a {p} in its original packaging with all accessories.',
        'Print the return label for the {p} or show the QR code.',
        'A used {p} may only get a partial refund.',
      ],
      ['{p}退货需保持包装完好、配件齐全。', '{p}七天无理由退货。', '{p}退货可预约上门取件。'],
      ['{p}退貨需保持外盒完整、配件齊全。', '{p}享有七天猶豫期。', '{p}退貨可安排宅配到府收件。'],
    ],
  ),
  t(
    'exchange',
    ['exchange', '换货', '換貨'],
    [
      [
        'Exchange a {p} for another size or colour within 30 days.',
        'A faulty {p} is exchanged for a new one.',
        'The exchange {p} ships when the original arrives.',
      ],
      ['{p}签收十五天内质量问题可换货。', '{p}换货需寄回原商品。', '{p}换货的新商品在仓库收货后发出。'],
      ['{p}到貨七天內故障可申請換貨。', '{p}換貨需寄回原商品。', '{p}換貨新品於倉庫收到退回商品後出貨。'],
    ],
  ),
  t(
    'repair',
    ['repair', '维修', '維修'],
    [
      [
        'A {p} repair usually takes seven to fourteen days.',
        'Book a free collection for the {p} repair.',
        'A {p} repaired twice for the same fault is replaced.',
      ],
      ['{p}维修周期一般为七到十五个工作日。', '{p}可到授权维修点送修。', '{p}维修进度可在订单页查看。'],
      ['{p}維修約需七到十四個工作天。', '{p}可送至原廠維修中心。', '{p}維修進度可在訂單頁查詢。'],
    ],
  ),
  t(
    'warranty',
    ['warranty', '保修', '保固'],
    [
      [
        'The {p} has a two-year warranty from delivery.',
        'Accidental damage to a {p} is not covered by the warranty.',
        'Keep the invoice as proof of the {p} warranty.',
      ],
      ['{p}整机保修一年。', '{p}人为损坏不在保修范围。', '{p}保修凭证为发票。'],
      ['{p}享有原廠保固一年。', '{p}人為損壞不在保固範圍。', '{p}保固憑證為發票。'],
    ],
  ),
  t(
    'password',
    ['password', '密码', '密碼'],
    [
      [
        'Reset the password from the sign-in page before buying a {p}.',
        'A password reset link is valid for 30 minutes.',
        'Never share the password, even for a {p} order.',
      ],
      ['忘记密码可通过验证码重置。', '连续五次输错密码账号会锁定。', '客服不会索要密码或验证码。'],
      ['忘記密碼可透過簡訊驗證碼重設。', '連續五次輸入錯誤密碼會鎖定帳號。', '客服人員不會要求提供密碼。'],
    ],
  ),
  t(
    'account',
    ['account', '账号', '帳號'],
    [
      [
        'Verify the account before changing the {p} delivery address.',
        'A locked account unlocks after 30 minutes.',
        'Turn on two-step verification for the account.',
      ],
      ['修改{p}收货地址前需核实账号身份。', '账号被锁定三十分钟后自动解锁。', '疑似账号被盗请立即冻结。'],
      ['修改{p}收件地址前需核對帳號身分。', '帳號鎖定三十分鐘後自動解鎖。', '帳號遭盜用請立即凍結。'],
    ],
  ),
  t(
    'login',
    ['login', '登录', '登入'],
    [
      [
        'Log in with the phone number used for the {p} order.',
        'Login codes expire after ten minutes.',
        'A new device login sends an alert.',
      ],
      ['使用下单手机号登录查看{p}订单。', '登录验证码十分钟内有效。', '新设备登录会发送提醒。'],
      ['使用訂購手機號碼登入查看{p}訂單。', '登入驗證碼十分鐘內有效。', '新裝置登入會傳送通知。'],
    ],
  ),
  t(
    'coupon',
    ['coupon', '优惠券', '優惠券'],
    [
      [
        'One coupon applies per {p} order.',
        'An expired coupon for a {p} cannot be restored.',
        'Coupons are returned when a {p} order is cancelled.',
      ],
      ['每笔{p}订单限用一张优惠券。', '过期的{p}优惠券无法恢复。', '取消{p}订单后优惠券退回账户。'],
      ['每筆{p}訂單限用一張優惠券。', '過期的{p}優惠券無法恢復。', '取消{p}訂單後優惠券退回帳戶。'],
    ],
  ),
  t(
    'points',
    ['points', '积分', '點數'],
    [
      [
        'Each dollar spent on a {p} earns one point.',
        'Points for a {p} arrive when the return window closes.',
        'Points expire after two years.',
      ],
      ['购买{p}每消费一元得一积分。', '{p}订单确认收货后积分到账。', '积分有效期两年。'],
      ['購買{p}每消費一元得一點數。', '{p}訂單到貨後點數入帳。', '點數有效期限兩年。'],
    ],
  ),
  t(
    'membership',
    ['membership', '会员', '會員'],
    [
      [
        'Members get free delivery on every {p}.',
        'Membership renews every year.',
        'Member prices for a {p} show after sign-in.',
      ],
      ['会员购买{p}享受免运费。', '会员每年自动续费。', '登录后显示{p}会员价。'],
      ['會員購買{p}享免運費。', '會員每年自動續約。', '登入後顯示{p}會員價。'],
    ],
  ),
  t(
    'payment',
    ['payment', '支付', '付款'],
    [
      [
        'Pay for a {p} by card, PayPal or store credit.',
        'A declined payment for a {p} is never charged.',
        'Payment details are never read out by agents.',
      ],
      ['{p}订单支持支付宝和微信支付。', '{p}支付失败不会扣款。', '{p}支付成功后生成订单。'],
      ['{p}訂單支援信用卡與LINE Pay付款。', '{p}付款失敗不會扣款。', '{p}付款成功後成立訂單。'],
    ],
  ),
  t(
    'installment',
    ['installment', '分期', '分期'],
    [
      [
        'Pay for a {p} in 3, 6 or 12 monthly installments.',
        'Installments for a {p} need a credit card.',
        'A returned {p} cancels the remaining installments.',
      ],
      ['{p}支持三期、六期、十二期分期付款。', '{p}分期需使用信用卡。', '退货后{p}剩余分期自动取消。'],
      ['{p}提供三期、六期、十二期零利率分期。', '{p}分期需使用信用卡。', '退貨後{p}剩餘分期自動取消。'],
    ],
  ),
  t(
    'complaint',
    ['complaint', '投诉', '客訴'],
    [
      [
        'Log every {p} complaint as a ticket.',
        'A third complaint about the same {p} goes to a supervisor.',
        'Answer a {p} complaint within 24 hours.',
      ],
      ['{p}投诉二十四小时内联系客户。', '同一{p}问题第三次投诉需升级主管。', '{p}投诉处理完成后三天内回访。'],
      ['{p}客訴二十四小時內聯繫顧客。', '同一{p}問題第三次客訴需升級主管。', '{p}客訴結案前需進行回訪。'],
    ],
  ),
  t(
    'address',
    ['address', '地址', '地址'],
    [
      [
        'Change the {p} delivery address before it ships.',
        'An address change needs a verified account.',
        'PO boxes cannot receive a large {p}.',
      ],
      ['{p}发货前可修改收货地址。', '修改地址需核实身份。', '大件{p}不支持驿站地址。'],
      ['{p}出貨前可修改收件地址。', '修改地址需核對身分。', '大型{p}不支援超商取貨地址。'],
    ],
  ),
  t(
    'cancel',
    ['cancellation', '取消订单', '取消訂單'],
    [
      [
        'Cancel a {p} order before it ships for an automatic refund.',
        'A shipped {p} must be returned instead of cancelled.',
        'Cancellation returns the coupon.',
      ],
      ['{p}未发货可直接取消订单。', '{p}已发货需走退货流程。', '取消订单后款项原路退回。'],
      ['{p}尚未出貨可直接取消訂單。', '{p}已出貨需辦理退貨。', '取消訂單後款項退回原付款方式。'],
    ],
  ),
  t(
    'priceguard',
    ['price protection', '价保', '價保'],
    [
      [
        'If the {p} price drops within 7 days we refund the difference.',
        'Price protection excludes flash sales.',
        'Claim price protection for a {p} from My orders.',
      ],
      ['{p}签收七天内降价可申请价保。', '秒杀活动不参与价保。', '{p}价保差价退回原支付账户。'],
      ['{p}到貨七天內降價可申請價保。', '限時搶購不適用價保。', '{p}價保差額退回原付款方式。'],
    ],
  ),
];

function t(key: string, names: Names, lines: Topic['lines']): Topic {
  return { key, names, lines };
}

export const products: readonly { readonly key: string; readonly names: Names }[] = (
  [
    ['phone', 'phone', '手机', '手機'],
    ['headphones', 'headphones', '耳机', '耳機'],
    ['laptop', 'laptop', '笔记本电脑', '筆記型電腦'],
    ['fridge', 'fridge', '冰箱', '冰箱'],
    ['washer', 'washing machine', '洗衣机', '洗衣機'],
    ['tv', 'television', '电视', '電視'],
    ['aircon', 'air conditioner', '空调', '冷氣機'],
    ['tablet', 'tablet', '平板', '平板'],
    ['watch', 'smartwatch', '智能手表', '智慧手錶'],
    ['camera', 'camera', '相机', '相機'],
    ['vacuum', 'vacuum cleaner', '吸尘器', '吸塵器'],
    ['ricecooker', 'rice cooker', '电饭煲', '電子鍋'],
    ['microwave', 'microwave', '微波炉', '微波爐'],
    ['printer', 'printer', '打印机', '印表機'],
    ['router', 'router', '路由器', '路由器'],
    ['keyboard', 'keyboard', '键盘', '鍵盤'],
    ['mouse', 'mouse', '鼠标', '滑鼠'],
    ['monitor', 'monitor', '显示器', '顯示器'],
    ['speaker', 'speaker', '音箱', '音箱'],
    ['sofa', 'sofa', '沙发', '沙發'],
    ['mattress', 'mattress', '床垫', '床墊'],
    ['shoes', 'shoes', '鞋子', '鞋子'],
    ['jacket', 'jacket', '外套', '外套'],
    ['stroller', 'stroller', '婴儿车', '嬰兒車'],
    ['kettle', 'kettle', '电水壶', '電熱水壺'],
    ['blender', 'blender', '破壁机', '果汁機'],
    ['dishwasher', 'dishwasher', '洗碗机', '洗碗機'],
    ['dryer', 'tumble dryer', '烘干机', '烘乾機'],
    ['fan', 'electric fan', '电风扇', '電風扇'],
    ['heater', 'heater', '取暖器', '電暖器'],
    ['purifier', 'air purifier', '空气净化器', '空氣清淨機'],
    ['humidifier', 'humidifier', '加湿器', '加濕器'],
    ['projector', 'projector', '投影仪', '投影機'],
    ['console', 'game console', '游戏机', '遊戲機'],
    ['ereader', 'e-reader', '电子书阅读器', '電子書閱讀器'],
    ['drone', 'drone', '无人机', '無人機'],
    ['scooter', 'electric scooter', '电动滑板车', '電動滑板車'],
    ['bicycle', 'bicycle', '自行车', '腳踏車'],
    ['treadmill', 'treadmill', '跑步机', '跑步機'],
    ['toothbrush', 'electric toothbrush', '电动牙刷', '電動牙刷'],
    ['shaver', 'shaver', '剃须刀', '刮鬍刀'],
    ['hairdryer', 'hair dryer', '吹风机', '吹風機'],
    ['oven', 'oven', '烤箱', '烤箱'],
    ['airfryer', 'air fryer', '空气炸锅', '氣炸鍋'],
    ['coffeemaker', 'coffee machine', '咖啡机', '咖啡機'],
    ['lamp', 'desk lamp', '台灯', '檯燈'],
    ['chair', 'office chair', '办公椅', '辦公椅'],
    ['desk', 'standing desk', '升降桌', '升降桌'],
    ['luggage', 'suitcase', '行李箱', '行李箱'],
    ['backpack', 'backpack', '双肩包', '後背包'],
    ['tent', 'tent', '帐篷', '帳篷'],
    ['powerbank', 'power bank', '充电宝', '行動電源'],
    ['charger', 'charger', '充电器', '充電器'],
    ['cable', 'charging cable', '数据线', '傳輸線'],
    ['harddrive', 'hard drive', '移动硬盘', '行動硬碟'],
    ['memorycard', 'memory card', '存储卡', '記憶卡'],
    ['smartlock', 'smart lock', '智能门锁', '電子鎖'],
    ['doorbell', 'video doorbell', '可视门铃', '視訊門鈴'],
    ['babymonitor', 'baby monitor', '婴儿监视器', '嬰兒監視器'],
    ['sewingmachine', 'sewing machine', '缝纫机', '縫紉機'],
  ] as const
).map(([key, en, cn, tw]) => ({ key, names: [en, cn, tw] as const }));

export const aspects: readonly { readonly key: string; readonly names: Names }[] = (
  [
    ['process', 'process', '流程', '流程'],
    ['timeline', 'timeline', '时效', '時效'],
    ['fees', 'fees', '费用', '費用'],
    ['conditions', 'conditions', '条件', '條件'],
    ['faq', 'questions', '常见问题', '常見問題'],
    ['exceptions', 'exceptions', '特殊情况', '特殊情況'],
    ['members', 'members', '会员专享', '會員專屬'],
    ['overseas', 'overseas orders', '海外订单', '海外訂單'],
  ] as const
).map(([key, en, cn, tw]) => ({ key, names: [en, cn, tw] as const }));

export const channels: readonly { readonly key: string; readonly names: Names }[] = (
  [
    ['app', 'app', 'App', 'App'],
    ['web', 'website', '官网', '官網'],
    ['store', 'store', '门店', '門市'],
    ['miniprogram', 'mini program', '小程序', '小程式'],
    ['hotline', 'hotline', '电话订购', '電話訂購'],
  ] as const
).map(([key, en, cn, tw]) => ({ key, names: [en, cn, tw] as const }));

const languages: readonly KbLanguage[] = ['en', 'zh-CN', 'zh-TW'];
const langIndex = (language: KbLanguage): 0 | 1 | 2 => languages.indexOf(language) as 0 | 1 | 2;

/** mulberry32: small, fast and good enough to make a corpus that never changes between runs. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let x = Math.imul(a ^ (a >>> 15), 1 | a);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

export interface CorpusArticle {
  readonly id: string;
  readonly title: string;
  readonly body: string;
  readonly category: string;
  readonly tags: string[];
  readonly language: KbLanguage;
  readonly updatedAtMs: number;
  readonly clicks: number;
  readonly helpful: number;
}

/** What a labelled query expects: an article about exactly this (absent fields: a hub). */
export interface Target {
  readonly topic?: string;
  readonly product?: string;
  readonly aspect?: string;
  readonly channel?: string;
  readonly lang: KbLanguage;
}

export const targetKey = (t: Omit<Target, 'lang'>): string =>
  `${t.topic ?? '*'}|${t.product ?? '*'}|${t.aspect ?? '*'}|${t.channel ?? '*'}`;

const cap = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);

function title(language: KbLanguage, parts: readonly string[], suffix?: string): string {
  if (language === 'en') return cap(parts.join(' ')) + (suffix ? ` (${suffix})` : '');
  return parts.join('') + (suffix ? `（${suffix}）` : '');
}

/**
 * The corpus, in a stable order. `pins` fixes the language of the articles the labelled
 * queries expect (every combination exists once, in one language).
 */
export function generateCorpus(size: number, pins: ReadonlyMap<string, KbLanguage>, nowMs: number): CorpusArticle[] {
  const random = prng(20_260_301);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  const out: CorpusArticle[] = [];
  const day = 86_400_000;
  const push = (article: Omit<CorpusArticle, 'updatedAtMs' | 'clicks' | 'helpful'>, popular: boolean): void => {
    out.push({
      ...article,
      updatedAtMs: nowMs - Math.floor(random() * 730) * day,
      clicks: popular ? 200 + Math.floor(random() * 800) : Math.floor(random() * random() * 40),
      helpful: popular ? 20 + Math.floor(random() * 60) : Math.floor(random() * random() * 5),
    });
  };
  const noise = (language: KbLanguage, product: string): string => {
    const other = pick(topics);
    return pick(other.lines[langIndex(language)]).replaceAll('{p}', product);
  };

  // Hubs: an overview per topic and per product, in every language.
  for (const topic of topics) {
    for (const language of languages) {
      const l = langIndex(language);
      const name = topic.names[l];
      const lines = topic.lines[l].map((line) => line.replaceAll('{p}', language === 'en' ? 'item' : '商品'));
      push(
        {
          id: `hub-${topic.key}-${language.toLowerCase()}`,
          title: language === 'en' ? `${cap(name)}: overview` : `${name}${language === 'zh-CN' ? '说明' : '說明'}`,
          body: `${lines.join(language === 'en' ? ' ' : '')}\n\n${lines.reverse().join(language === 'en' ? ' ' : '')}`,
          category: cap(topic.key),
          tags: [name],
          language,
        },
        true,
      );
    }
  }
  for (const product of products) {
    for (const language of languages) {
      const l = langIndex(language);
      const name = product.names[l];
      const facts = topics.slice(0, 6).map((topic) => pick(topic.lines[l]).replaceAll('{p}', name));
      push(
        {
          id: `hub-p-${product.key}-${language.toLowerCase()}`,
          title:
            language === 'en' ? `${cap(name)}: overview` : `${name}${language === 'zh-CN' ? '售后总览' : '售後總覽'}`,
          body: facts.join(language === 'en' ? ' ' : ''),
          category: 'Products',
          tags: [name],
          language,
        },
        true,
      );
    }
  }

  // One article per combination, in one language each.
  outer: for (const topic of topics) {
    for (const product of products) {
      for (const aspect of aspects) {
        for (const channel of channels) {
          if (out.length >= size) break outer;
          const key = targetKey({ topic: topic.key, product: product.key, aspect: aspect.key, channel: channel.key });
          const roll = random();
          const language = pins.get(key) ?? (roll < 0.4 ? 'zh-CN' : roll < 0.7 ? 'zh-TW' : 'en');
          const l = langIndex(language);
          const p = product.names[l];
          const sentences = topic.lines[l].map((line) => line.replaceAll('{p}', p));
          const model = `${String.fromCharCode(65 + Math.floor(random() * 26))}${100 + Math.floor(random() * 900)}`;
          const extra =
            language === 'en'
              ? `This applies to ${p} orders placed through the ${channel.names[0]} (${aspect.names[0]}), model ${model}.`
              : `本条适用于${channel.names[l]}下单的${p}（${aspect.names[l]}），型号${model}。`;
          push(
            {
              id: `a-${topic.key}-${product.key}-${aspect.key}-${channel.key}`,
              title: title(language, [p, topic.names[l], aspect.names[l]], channel.names[l]),
              body: [...sentences, extra, noise(language, p), noise(language, p)].join(language === 'en' ? ' ' : ''),
              category: `${cap(topic.key)}/${cap(aspect.key)}`,
              tags: [topic.names[l], p],
              language,
            },
            false,
          );
        }
      }
    }
  }
  // Short tips fill the rest.
  for (let i = 0; out.length < size; i++) {
    const language = pick(languages);
    const l = langIndex(language);
    const p = pick(products).names[l];
    const lines = [noise(language, p), noise(language, p)];
    push(
      {
        id: `tip-${i}`,
        title: language === 'en' ? `Tip ${i}: ${p}` : `小贴士 ${i}：${p}`,
        body: lines.join(language === 'en' ? ' ' : ''),
        category: 'Tips',
        tags: [],
        language,
      },
      false,
    );
  }
  return out;
}

/** The id of the article a target names. */
export function targetId(target: Target): string {
  if (target.topic && target.product && target.aspect && target.channel) {
    return `a-${target.topic}-${target.product}-${target.aspect}-${target.channel}`;
  }
  if (target.topic) return `hub-${target.topic}-${target.lang.toLowerCase()}`;
  if (target.product) return `hub-p-${target.product}-${target.lang.toLowerCase()}`;
  throw new Error(`A target names a topic or a product: ${JSON.stringify(target)}`);
}
