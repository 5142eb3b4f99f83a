// The four global programmes named in ECOSOC resolution 2002/17, with their titles and mandates in
// the six official languages. Demo content: the figures attached to them are illustrative.
import type { LocalizedText } from '../../app/platform/i18n.ts';

export type ProgrammeSlug = 'trafficking-in-persons' | 'corruption' | 'organized-crime' | 'terrorism-prevention';

export interface ProgrammeSeed {
  slug: ProgrammeSlug;
  code: string;
  sortOrder: number;
  /** Share of this year's requirement the demo funds (permille), so gaps differ per programme. */
  currentCoveragePermille: number;
  title: Required<LocalizedText>;
  mandate: Required<LocalizedText>;
}

export const programmeSeeds: ProgrammeSeed[] = [
  {
    slug: 'trafficking-in-persons',
    code: 'GLOT',
    sortOrder: 1,
    currentCoveragePermille: 410,
    title: {
      en: 'Global Programme against Trafficking in Human Beings',
      fr: 'Programme mondial contre la traite des êtres humains',
      es: 'Programa Mundial contra la Trata de Personas',
      ru: 'Глобальная программа против торговли людьми',
      zh: '打击贩运人口全球方案',
      ar: 'البرنامج العالمي لمكافحة الاتجار بالبشر',
    },
    mandate: {
      en: 'Helps States prevent trafficking in persons, prosecute traffickers and protect victims, in line with the Trafficking in Persons Protocol to the United Nations Convention against Transnational Organized Crime.',
      fr: 'Aide les États à prévenir la traite des personnes, à poursuivre les trafiquants et à protéger les victimes, conformément au Protocole relatif à la traite des personnes additionnel à la Convention des Nations Unies contre la criminalité transnationale organisée.',
      es: 'Ayuda a los Estados a prevenir la trata de personas, enjuiciar a los tratantes y proteger a las víctimas, de conformidad con el Protocolo contra la trata de personas que complementa la Convención de las Naciones Unidas contra la Delincuencia Organizada Transnacional.',
      ru: 'Помогает государствам предупреждать торговлю людьми, преследовать торговцев людьми и защищать потерпевших в соответствии с Протоколом о торговле людьми, дополняющим Конвенцию Организации Объединенных Наций против транснациональной организованной преступности.',
      zh: '协助各国根据《联合国打击跨国有组织犯罪公约》关于贩运人口问题的议定书，预防贩运人口、起诉贩运者并保护被害人。',
      ar: 'يساعد الدول على منع الاتجار بالأشخاص وملاحقة المتجرين قضائياً وحماية الضحايا، وفقاً لبروتوكول الاتجار بالأشخاص المكمّل لاتفاقية الأمم المتحدة لمكافحة الجريمة المنظمة عبر الوطنية.',
    },
  },
  {
    slug: 'corruption',
    code: 'GLOU',
    sortOrder: 2,
    currentCoveragePermille: 640,
    title: {
      en: 'Global Programme against Corruption',
      fr: 'Programme mondial contre la corruption',
      es: 'Programa Mundial contra la Corrupción',
      ru: 'Глобальная программа против коррупции',
      zh: '反腐败全球方案',
      ar: 'البرنامج العالمي لمكافحة الفساد',
    },
    mandate: {
      en: 'Supports States in implementing the United Nations Convention against Corruption: prevention, criminalization, international cooperation and the recovery of stolen assets.',
      fr: 'Aide les États à appliquer la Convention des Nations Unies contre la corruption : prévention, incrimination, coopération internationale et recouvrement des avoirs volés.',
      es: 'Apoya a los Estados en la aplicación de la Convención de las Naciones Unidas contra la Corrupción: prevención, penalización, cooperación internacional y recuperación de activos robados.',
      ru: 'Оказывает государствам поддержку в осуществлении Конвенции Организации Объединенных Наций против коррупции: предупреждение, криминализация, международное сотрудничество и возвращение похищенных активов.',
      zh: '支持各国执行《联合国反腐败公约》：预防、定罪、国际合作以及追回被盗资产。',
      ar: 'يدعم الدول في تنفيذ اتفاقية الأمم المتحدة لمكافحة الفساد: المنع والتجريم والتعاون الدولي واسترداد الموجودات المسروقة.',
    },
  },
  {
    slug: 'organized-crime',
    code: 'GLOC',
    sortOrder: 3,
    currentCoveragePermille: 330,
    title: {
      en: 'Global Programme against Transnational Organized Crime',
      fr: 'Programme mondial contre la criminalité transnationale organisée',
      es: 'Programa Mundial contra la Delincuencia Organizada Transnacional',
      ru: 'Глобальная программа против транснациональной организованной преступности',
      zh: '打击跨国有组织犯罪全球方案',
      ar: 'البرنامج العالمي لمكافحة الجريمة المنظمة عبر الوطنية',
    },
    mandate: {
      en: 'Assists States in applying the United Nations Convention against Transnational Organized Crime to dismantle criminal networks, including in cybercrime, firearms trafficking and environmental crime.',
      fr: "Aide les États à appliquer la Convention des Nations Unies contre la criminalité transnationale organisée afin de démanteler les réseaux criminels, notamment en matière de cybercriminalité, de trafic d'armes à feu et de criminalité environnementale.",
      es: 'Asiste a los Estados en la aplicación de la Convención de las Naciones Unidas contra la Delincuencia Organizada Transnacional para desarticular redes delictivas, incluso en materia de ciberdelincuencia, tráfico de armas de fuego y delitos ambientales.',
      ru: 'Помогает государствам применять Конвенцию Организации Объединенных Наций против транснациональной организованной преступности для ликвидации преступных сетей, в том числе в сферах киберпреступности, незаконного оборота огнестрельного оружия и экологических преступлений.',
      zh: '协助各国适用《联合国打击跨国有组织犯罪公约》，瓦解犯罪网络，包括网络犯罪、枪支贩运和环境犯罪领域的犯罪网络。',
      ar: 'يساعد الدول على تطبيق اتفاقية الأمم المتحدة لمكافحة الجريمة المنظمة عبر الوطنية من أجل تفكيك الشبكات الإجرامية، بما في ذلك في مجالات الجريمة السيبرانية والاتجار بالأسلحة النارية والجرائم البيئية.',
    },
  },
  {
    slug: 'terrorism-prevention',
    code: 'GLOR',
    sortOrder: 4,
    currentCoveragePermille: 540,
    title: {
      en: 'Global Programme on Strengthening the Legal Regime against Terrorism',
      fr: 'Programme mondial de renforcement du régime juridique contre le terrorisme',
      es: 'Programa Mundial para Fortalecer el Régimen Jurídico contra el Terrorismo',
      ru: 'Глобальная программа по укреплению правового режима борьбы с терроризмом',
      zh: '加强反恐怖主义法律制度全球方案',
      ar: 'البرنامج العالمي لتعزيز النظام القانوني لمكافحة الإرهاب',
    },
    mandate: {
      en: 'Helps States ratify and implement the international legal instruments against terrorism, with criminal justice responses that respect human rights and the rule of law.',
      fr: "Aide les États à ratifier et à appliquer les instruments juridiques internationaux contre le terrorisme, avec des réponses de justice pénale respectueuses des droits de l'homme et de l'état de droit.",
      es: 'Ayuda a los Estados a ratificar y aplicar los instrumentos jurídicos internacionales contra el terrorismo, con respuestas de justicia penal que respeten los derechos humanos y el estado de derecho.',
      ru: 'Помогает государствам ратифицировать и осуществлять международно-правовые документы по борьбе с терроризмом, применяя меры уголовного правосудия при уважении прав человека и верховенства права.',
      zh: '帮助各国批准和实施国际反恐怖主义法律文书，采取尊重人权和法治的刑事司法对策。',
      ar: 'يساعد الدول على التصديق على الصكوك القانونية الدولية لمكافحة الإرهاب وتنفيذها، من خلال تدابير للعدالة الجنائية تحترم حقوق الإنسان وسيادة القانون.',
    },
  },
];
