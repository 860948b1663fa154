import type { FormDefinition } from './scorecard';

/**
 * The form SeatDesk ships, built on the quality-inspection (质检) criteria of Chinese
 * customer-service practice: positive wording, no bare "不能 / 不会 / 不可以 / 不知道" without an
 * alternative, no arguing, plain language, apologising for one's own mistakes, truthful claims and
 * privacy. Its texts are data in every locale (zh-TW uses Taiwan terms, see DOMAIN.md).
 *
 * Changing it means a new version: evaluations keep the version they were made with.
 */
export const defaultFormId = 'default-qa';
export const defaultFormVersion = 1;

export const defaultForm: FormDefinition = {
  name: { en: 'Call quality inspection', 'zh-CN': '通话质检评分表', 'zh-TW': '通話品質檢核評分表' },
  description: {
    en: 'Standard quality inspection of a service call.',
    'zh-CN': '服务通话的标准质检。',
    'zh-TW': '服務通話的標準品質檢核。',
  },
  sections: [
    {
      id: 'opening',
      kind: 'standard',
      title: { en: 'Opening', 'zh-CN': '开场', 'zh-TW': '開場' },
      questions: [
        {
          id: 'greeting',
          type: 'yes_no',
          weight: 5,
          allowNa: false,
          text: {
            en: 'Greets the customer and gives their name',
            'zh-CN': '问候客户并报出工号或姓名',
            'zh-TW': '問候客戶並報出姓名',
          },
        },
        {
          id: 'verification',
          type: 'yes_partial_no',
          weight: 10,
          allowNa: true,
          text: {
            en: 'Verifies the customer’s identity before discussing the account',
            'zh-CN': '在谈及账户前核实客户身份',
            'zh-TW': '在討論帳戶前核對客戶身分',
          },
        },
      ],
    },
    {
      id: 'communication',
      kind: 'standard',
      title: { en: 'Communication', 'zh-CN': '沟通表达', 'zh-TW': '溝通表達' },
      questions: [
        {
          id: 'positive_wording',
          type: 'scale_1_5',
          weight: 15,
          allowNa: false,
          text: { en: 'Uses positive wording', 'zh-CN': '使用积极正面的用语', 'zh-TW': '使用正面積極的用語' },
        },
        {
          id: 'no_bare_refusal',
          type: 'yes_partial_no',
          weight: 15,
          allowNa: false,
          text: {
            en: 'Never says “can’t / won’t / not allowed / don’t know” without offering an alternative',
            'zh-CN': '不说“不能 / 不会 / 不可以 / 不知道”而不给替代方案',
            'zh-TW': '不說「不能 / 不會 / 不可以 / 不知道」而不提供替代方案',
          },
          help: {
            en: 'Partial: the alternative came only after the customer asked for one.',
            'zh-CN': '部分：客户追问后才给出替代方案。',
            'zh-TW': '部分：客戶追問後才提供替代方案。',
          },
        },
        {
          id: 'plain_language',
          type: 'scale_1_5',
          weight: 10,
          allowNa: false,
          text: {
            en: 'Explains in plain language instead of jargon',
            'zh-CN': '用通俗易懂的语言，不用专业术语',
            'zh-TW': '用淺顯易懂的說法，不用專業術語',
          },
        },
        {
          id: 'no_arguing',
          type: 'yes_no',
          weight: 15,
          allowNa: false,
          text: { en: 'Does not argue with the customer', 'zh-CN': '不与客户争辩', 'zh-TW': '不與客戶爭辯' },
        },
        {
          id: 'apology',
          type: 'yes_no',
          weight: 5,
          allowNa: true,
          text: {
            en: 'Apologises for the center’s own mistakes',
            'zh-CN': '对己方的失误主动致歉',
            'zh-TW': '對己方的疏失主動致歉',
          },
        },
      ],
    },
    {
      id: 'resolution',
      kind: 'standard',
      title: { en: 'Resolution', 'zh-CN': '问题处理', 'zh-TW': '問題處理' },
      questions: [
        {
          id: 'truthful',
          type: 'yes_partial_no',
          weight: 15,
          allowNa: false,
          text: {
            en: 'Gives accurate, truthful information and makes no promise the center cannot keep',
            'zh-CN': '信息准确真实，不做无法兑现的承诺',
            'zh-TW': '資訊正確屬實，不做無法兌現的承諾',
          },
        },
        {
          id: 'outcome',
          type: 'select',
          weight: 10,
          allowNa: false,
          text: { en: 'Outcome of the call', 'zh-CN': '通话结果', 'zh-TW': '通話結果' },
          options: [
            {
              id: 'resolved',
              score: 1,
              label: { en: 'Resolved on this call', 'zh-CN': '当次解决', 'zh-TW': '當次解決' },
            },
            {
              id: 'ticket_followup',
              score: 0.75,
              label: {
                en: 'Ticket opened with a follow-up call booked',
                'zh-CN': '已建工单并预约回访',
                'zh-TW': '已建立工單並預約回訪',
              },
            },
            {
              id: 'escalated',
              score: 0.5,
              label: { en: 'Escalated correctly', 'zh-CN': '正确升级处理', 'zh-TW': '正確升級處理' },
            },
            { id: 'unresolved', score: 0, label: { en: 'Unresolved', 'zh-CN': '未解决', 'zh-TW': '未解決' } },
          ],
        },
        {
          id: 'closing',
          type: 'yes_no',
          weight: 5,
          allowNa: false,
          text: {
            en: 'Summarises next steps and closes politely',
            'zh-CN': '总结后续步骤并礼貌结束通话',
            'zh-TW': '總結後續步驟並禮貌結束通話',
          },
        },
      ],
    },
    {
      id: 'bonus',
      kind: 'bonus',
      title: { en: 'Bonus', 'zh-CN': '加分项', 'zh-TW': '加分項' },
      questions: [
        {
          id: 'extra_mile',
          type: 'yes_no',
          weight: 5,
          allowNa: true,
          text: {
            en: 'Anticipates a further need and solves it unasked',
            'zh-CN': '主动发现并解决客户的潜在需求',
            'zh-TW': '主動發現並解決客戶的潛在需求',
          },
        },
      ],
    },
    {
      id: 'critical',
      kind: 'auto_fail',
      autoFailScope: 'form',
      title: { en: 'Critical (auto-fail)', 'zh-CN': '红线（一票否决）', 'zh-TW': '紅線（一票否決）' },
      questions: [
        {
          id: 'privacy',
          type: 'yes_no',
          weight: 0,
          allowNa: false,
          text: {
            en: 'Protects privacy: reveals no personal data to anyone not verified',
            'zh-CN': '保护隐私：不向未核实身份者透露个人信息',
            'zh-TW': '保護隱私：不向未核對身分者透露個人資料',
          },
        },
      ],
    },
    {
      id: 'summary',
      kind: 'standard',
      title: { en: 'Summary', 'zh-CN': '总评', 'zh-TW': '總評' },
      questions: [
        {
          id: 'coaching_note',
          type: 'text',
          weight: 0,
          allowNa: false,
          text: { en: 'Coaching notes for the agent', 'zh-CN': '给坐席的辅导意见', 'zh-TW': '給客服人員的輔導意見' },
        },
      ],
    },
  ],
};
