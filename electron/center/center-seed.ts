import type { Locale } from '../../shared/i18n/locales';
import { allDayHours } from '../../shared/center/hours';
import type { CannedReply, Queue } from '../../shared/center/types';

/**
 * What a new center starts with: a queue set that covers each channel, canned replies,
 * and (training mode only) customers, tickets and the simulated customers' scripts.
 * Texts are data, written per locale; zh-TW uses Taiwan terms.
 */

/** The embedded default is open around the clock in the workstation's time zone; a real center sets its hours. */
const defaultHours = () => allDayHours(Intl.DateTimeFormat().resolvedOptions().timeZone);

type Localized = Readonly<Record<Locale, string>>;

const queueNames: Readonly<Record<string, Localized>> = {
  hotline: { en: 'Hotline', 'zh-CN': '热线', 'zh-TW': '客服專線' },
  'after-sales': { en: 'After-sales', 'zh-CN': '售后服务', 'zh-TW': '售後服務' },
  orders: { en: 'Orders & delivery', 'zh-CN': '订单与配送', 'zh-TW': '訂單與配送' },
  tickets: { en: 'Tickets', 'zh-CN': '工单', 'zh-TW': '工單' },
};

const dispositions: Readonly<Record<Locale, string[]>> = {
  en: ['Resolved', 'Refund issued', 'Ticket created', 'Call back later', 'Complaint', 'Wrong number'],
  'zh-CN': ['已解决', '已退款', '已建工单', '稍后回访', '投诉', '打错电话'],
  'zh-TW': ['已解決', '已退款', '已建工單', '稍後回訪', '客訴', '打錯電話'],
};

export function defaultQueues(locale: Locale): Queue[] {
  const base = {
    businessHours: defaultHours(),
    dispositions: dispositions[locale],
    serviceLevel: {
      thresholdSeconds: 20,
      target: 0.8,
      variant: 'excluding_short_abandons' as const,
      shortAbandonSeconds: 5,
    },
  };
  const name = (id: string): string => queueNames[id]?.[locale] ?? id;
  return [
    {
      ...base,
      id: 'hotline',
      name: name('hotline'),
      channel: 'voice',
      priority: 60,
      skill: 'hotline',
      dispositionRequired: true,
      acwSeconds: 30,
      offerTimeoutSeconds: 20,
    },
    {
      ...base,
      id: 'after-sales',
      name: name('after-sales'),
      channel: 'chat',
      priority: 50,
      skill: 'after-sales',
      serviceLevel: { ...base.serviceLevel, thresholdSeconds: 30 },
      dispositionRequired: true,
      acwSeconds: 60,
      offerTimeoutSeconds: 15,
    },
    {
      ...base,
      id: 'orders',
      name: name('orders'),
      channel: 'chat',
      priority: 40,
      skill: 'orders',
      serviceLevel: { ...base.serviceLevel, thresholdSeconds: 30 },
      dispositionRequired: false,
      acwSeconds: 45,
      offerTimeoutSeconds: 15,
    },
    {
      ...base,
      id: 'tickets',
      name: name('tickets'),
      channel: 'ticket',
      priority: 10,
      skill: 'tickets',
      serviceLevel: { ...base.serviceLevel, thresholdSeconds: 3600 },
      dispositionRequired: false,
      acwSeconds: 0,
      offerTimeoutSeconds: 60,
    },
  ];
}

const canned: ReadonlyArray<{ id: string; queueId: string | null; texts: Readonly<Record<Locale, [string, string]>> }> =
  [
    {
      id: 'greeting',
      queueId: null,
      texts: {
        en: ['Greeting', 'Hello {customer.name}, this is {agent.name}. How can I help you today?'],
        'zh-CN': ['问候', '{customer.name}您好,我是{agent.name},很高兴为您服务,请问有什么可以帮您?'],
        'zh-TW': ['問候', '{customer.name}您好,我是{agent.name},很高興為您服務,請問有什麼可以幫您?'],
      },
    },
    {
      id: 'order-number',
      queueId: null,
      texts: {
        en: ['Ask for the order number', 'Could you give me your order number, please? I will look it up right away.'],
        'zh-CN': ['询问订单号', '麻烦您提供一下订单号,我马上为您查询。'],
        'zh-TW': ['詢問訂單編號', '麻煩您提供一下訂單編號,我馬上為您查詢。'],
      },
    },
    {
      id: 'refund-steps',
      queueId: 'after-sales',
      texts: {
        en: [
          'Refund: next steps',
          'I have started the refund for you, {customer.name}. The money returns to your original payment method within 3–5 working days.',
        ],
        'zh-CN': ['退款处理', '{customer.name},已为您提交退款申请,款项将在3-5个工作日内原路退回。'],
        'zh-TW': ['退款處理', '{customer.name},已為您提交退款申請,款項將在3-5個工作天內原路退回。'],
      },
    },
    {
      id: 'delivery-check',
      queueId: 'orders',
      texts: {
        en: [
          'Delivery status',
          'Your parcel is with the courier and should arrive within two days. I will send you the tracking link.',
        ],
        'zh-CN': ['物流查询', '您的包裹已交给快递,预计两天内送达,我把物流单号发给您。'],
        'zh-TW': ['物流查詢', '您的包裹已交給物流,預計兩天內送達,我把追蹤編號傳給您。'],
      },
    },
    {
      id: 'apology',
      queueId: null,
      texts: {
        en: ['Apology', 'I am sorry for the trouble this has caused you, {customer.name}. Let me put it right.'],
        'zh-CN': ['致歉', '{customer.name},给您带来不便,非常抱歉,我这就为您处理。'],
        'zh-TW': ['致歉', '{customer.name},造成您的不便,非常抱歉,我這就為您處理。'],
      },
    },
    {
      id: 'closing',
      queueId: null,
      texts: {
        en: ['Closing', 'Is there anything else I can do for you? Thank you for contacting us, {customer.name}.'],
        'zh-CN': ['结束语', '请问还有其他可以帮您的吗?感谢您的咨询,祝您生活愉快!'],
        'zh-TW': ['結束語', '請問還有其他可以幫您的嗎?感謝您的來訊,祝您順心愉快!'],
      },
    },
  ];

export function defaultCannedReplies(): CannedReply[] {
  const replies: CannedReply[] = [];
  for (const reply of canned) {
    for (const [locale, [title, text]] of Object.entries(reply.texts)) {
      replies.push({ id: `${reply.id}.${locale}`, title, text, queueId: reply.queueId, locale });
    }
  }
  return replies;
}

export interface TrainingCustomer {
  readonly key: string;
  readonly name: Localized;
  readonly phone: string;
  readonly identity: string;
  readonly vip: 'none' | 'silver' | 'gold' | 'platinum';
  readonly tags: Localized;
  readonly notes: Localized;
}

export const trainingCustomers: readonly TrainingCustomer[] = [
  {
    key: 'wang',
    name: { en: 'Wang Fang', 'zh-CN': '王芳', 'zh-TW': '王芳' },
    phone: '13800138000',
    identity: 'wang.fang@example.com',
    vip: 'gold',
    tags: { en: 'repeat buyer', 'zh-CN': '老客户', 'zh-TW': '老客戶' },
    notes: {
      en: 'Prefers a call back in the evening.',
      'zh-CN': '希望晚上回电。',
      'zh-TW': '希望晚上回電。',
    },
  },
  {
    key: 'chen',
    name: { en: 'Chen Jie', 'zh-CN': '陈杰', 'zh-TW': '陳傑' },
    phone: '13912345678',
    identity: 'chen.jie@example.com',
    vip: 'none',
    tags: { en: 'new', 'zh-CN': '新客户', 'zh-TW': '新客戶' },
    notes: { en: '', 'zh-CN': '', 'zh-TW': '' },
  },
  {
    key: 'lin',
    name: { en: 'Lin Mei', 'zh-CN': '林梅', 'zh-TW': '林美' },
    phone: '0912345678',
    identity: 'lin.mei@example.com',
    vip: 'platinum',
    tags: { en: 'VIP, complaint last month', 'zh-CN': '大客户,上月投诉', 'zh-TW': '大客戶,上月客訴' },
    notes: {
      en: 'Complained about a late delivery in March; handle with care.',
      'zh-CN': '3月曾投诉配送延迟,请耐心处理。',
      'zh-TW': '3月曾客訴配送延遲,請耐心處理。',
    },
  },
  {
    key: 'zhao',
    name: { en: 'Zhao Lei', 'zh-CN': '赵磊', 'zh-TW': '趙磊' },
    phone: '13511112222',
    identity: 'zhao.lei@example.com',
    vip: 'silver',
    tags: { en: 'invoice', 'zh-CN': '需要发票', 'zh-TW': '需要發票' },
    notes: {
      en: 'Company buyer; needs VAT invoices.',
      'zh-CN': '企业采购,需开增值税发票。',
      'zh-TW': '企業採購,需開統一發票。',
    },
  },
];

/** A simulated customer's side of a chat: lines sent one by one, each after the agent's reply. */
export interface ChatScript {
  readonly customer: string;
  readonly queueId: string;
  readonly lines: Localized[];
}

export const chatScripts: readonly ChatScript[] = [
  {
    customer: 'wang',
    queueId: 'after-sales',
    lines: [
      {
        en: 'Hi, I want a refund. The kettle I received leaks.',
        'zh-CN': '你好,我要退款,收到的水壶漏水。',
        'zh-TW': '你好,我要退款,收到的水壺漏水。',
      },
      {
        en: 'The order number is 20261128-5521.',
        'zh-CN': '订单号是 20261128-5521。',
        'zh-TW': '訂單編號是 20261128-5521。',
      },
      {
        en: 'How long until the money is back?',
        'zh-CN': '钱多久能退回来?',
        'zh-TW': '錢多久能退回來?',
      },
      { en: 'OK, thank you!', 'zh-CN': '好的,谢谢!', 'zh-TW': '好的,謝謝!' },
    ],
  },
  {
    customer: 'zhao',
    queueId: 'after-sales',
    lines: [
      {
        en: 'I need an invoice for last week’s order.',
        'zh-CN': '上周的订单需要开发票。',
        'zh-TW': '上週的訂單需要開發票。',
      },
      {
        en: 'The company name is Zhao Trading Ltd, tax number 91310000MA1K.',
        'zh-CN': '公司抬头是赵氏贸易有限公司,税号 91310000MA1K。',
        'zh-TW': '公司抬頭是趙氏貿易有限公司,統一編號 24536806。',
      },
      { en: 'Please e-mail it to me.', 'zh-CN': '请发到我的邮箱。', 'zh-TW': '請寄到我的信箱。' },
      { en: 'Great, thanks.', 'zh-CN': '好的,谢谢。', 'zh-TW': '好的,謝謝。' },
    ],
  },
  {
    customer: 'chen',
    queueId: 'orders',
    lines: [
      {
        en: 'Where is my parcel? It was supposed to arrive yesterday.',
        'zh-CN': '我的快递到哪了?说好昨天到的。',
        'zh-TW': '我的包裹到哪了?說好昨天到的。',
      },
      { en: 'Order 20261125-0087.', 'zh-CN': '订单 20261125-0087。', 'zh-TW': '訂單 20261125-0087。' },
      { en: 'Can you make sure it comes tomorrow?', 'zh-CN': '能保证明天送到吗?', 'zh-TW': '能保證明天送到嗎?' },
      { en: 'Fine, thank you.', 'zh-CN': '行,谢谢。', 'zh-TW': '好,謝謝。' },
    ],
  },
  {
    customer: 'lin',
    queueId: 'after-sales',
    lines: [
      {
        en: 'I want to make a complaint. Nobody called me back as promised.',
        'zh-CN': '我要投诉,说好给我回电话,结果没人打。',
        'zh-TW': '我要客訴,說好給我回電話,結果沒人打。',
      },
      {
        en: 'It is about my account: someone changed my password.',
        'zh-CN': '是关于我的账号,有人改了我的密码。',
        'zh-TW': '是關於我的帳號,有人改了我的密碼。',
      },
      { en: 'Please call me today.', 'zh-CN': '请今天给我回电话。', 'zh-TW': '請今天給我回電話。' },
      { en: 'Thank you for your help.', 'zh-CN': '谢谢你的帮助。', 'zh-TW': '謝謝你的幫忙。' },
    ],
  },
];

export interface TicketTemplate {
  readonly customer: string;
  readonly priority: 'low' | 'normal' | 'high' | 'urgent';
  readonly subject: Localized;
  readonly description: Localized;
}

export const ticketTemplates: readonly TicketTemplate[] = [
  {
    customer: 'lin',
    priority: 'high',
    subject: { en: 'Late delivery complaint', 'zh-CN': '配送延迟投诉', 'zh-TW': '配送延遲客訴' },
    description: {
      en: 'The customer’s order arrived five days late. She asks for compensation and a call back.',
      'zh-CN': '客户订单晚到五天,要求补偿并回电。',
      'zh-TW': '客戶訂單晚到五天,要求補償並回電。',
    },
  },
  {
    customer: 'zhao',
    priority: 'normal',
    subject: {
      en: 'VAT invoice for order 20261120-3310',
      'zh-CN': '订单 20261120-3310 开具增值税发票',
      'zh-TW': '訂單 20261120-3310 開立統一發票',
    },
    description: {
      en: 'Company buyer needs a VAT invoice; details in the customer profile.',
      'zh-CN': '企业客户需要增值税专用发票,开票信息见客户档案。',
      'zh-TW': '企業客戶需要統一發票,開票資訊見客戶資料。',
    },
  },
  {
    customer: 'chen',
    priority: 'low',
    subject: { en: 'Change delivery address', 'zh-CN': '修改收货地址', 'zh-TW': '修改收件地址' },
    description: {
      en: 'The customer moved and wants future orders sent to the new address.',
      'zh-CN': '客户搬家,希望以后的订单寄到新地址。',
      'zh-TW': '客戶搬家,希望以後的訂單寄到新地址。',
    },
  },
];

/**
 * A default queue whose name and dispositions nobody has edited follows the workstation's
 * language: picking 中文 in Settings relabels 'Hotline' as '热线'. Edited queues are left alone.
 * Returns the relabelled queue, or null when there is nothing to change.
 */
export function relabelDefaultQueue(queue: Queue, locale: Locale): Queue | null {
  const names = queueNames[queue.id];
  if (!names) return null;
  const locales = Object.keys(names) as Locale[];
  const nameIsDefault = locales.some((l) => names[l] === queue.name);
  const dispositionsAreDefault = locales.some((l) => dispositions[l].join('\n') === queue.dispositions.join('\n'));
  const name = nameIsDefault ? names[locale] : queue.name;
  const list = dispositionsAreDefault ? dispositions[locale] : queue.dispositions;
  if (name === queue.name && list.join('\n') === queue.dispositions.join('\n')) return null;
  return { ...queue, name, dispositions: [...list] };
}
