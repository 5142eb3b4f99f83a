// Plausible demo projects (codes, places and sectors are realistic; the projects and figures are
// illustrative). Regions are UN M49 codes; sectors are OECD DAC CRS purpose codes.
import type { LocalizedText } from '../../app/platform/i18n.ts';
import type { ProgrammeSlug } from './programmes.ts';

export type ProjectStatusSeed = 'PIPELINE' | 'IMPLEMENTATION' | 'FINALISATION' | 'CLOSED' | 'CANCELLED' | 'SUSPENDED';

export interface ProjectSeed {
  code: string;
  programme: ProgrammeSlug;
  countryCode: string | null;
  regionCode: string;
  sectorCode: string;
  status: ProjectStatusSeed;
  /** First and last year relative to the current UTC year. */
  startOffset: number;
  endOffset: number;
  /** Typical yearly requirement in whole US dollars. */
  baseRequirementUsd: number;
  /** Donor key of the main earmarked multi-year pledge (donors.ts), if any. */
  leadDonor: string | null;
  title: Required<LocalizedText>;
  description: Required<LocalizedText>;
}

export const projectSeeds: ProjectSeed[] = [
  {
    code: 'GLOT59', programme: 'trafficking-in-persons', countryCode: null, regionCode: '001', sectorCode: '15190', status: 'IMPLEMENTATION',
    startOffset: -4, endOffset: 2, baseRequirementUsd: 2_400_000, leadDonor: 'eu',
    title: {
      en: 'Global action against trafficking in persons and the smuggling of migrants',
      fr: 'Action mondiale contre la traite des personnes et le trafic illicite de migrants',
      es: 'Acción mundial contra la trata de personas y el tráfico ilícito de migrantes',
      ru: 'Глобальные действия против торговли людьми и незаконного ввоза мигрантов',
      zh: '打击贩运人口和偷运移民全球行动',
      ar: 'العمل العالمي لمكافحة الاتجار بالأشخاص وتهريب المهاجرين',
    },
    description: {
      en: 'Supports thirteen partner countries in drafting legislation, training investigators and protecting victims and smuggled migrants.',
      fr: "Aide treize pays partenaires à élaborer leur législation, à former les enquêteurs et à protéger les victimes et les migrants objet d'un trafic illicite.",
      es: 'Apoya a trece países asociados en la redacción de legislación, la formación de investigadores y la protección de víctimas y migrantes objeto de tráfico ilícito.',
      ru: 'Помогает тринадцати странам-партнерам разрабатывать законодательство, обучать следователей и защищать потерпевших и незаконно ввезенных мигрантов.',
      zh: '支持十三个伙伴国家起草立法、培训调查人员并保护被害人和被偷运的移民。',
      ar: 'يدعم ثلاثة عشر بلداً شريكاً في صياغة التشريعات وتدريب المحققين وحماية الضحايا والمهاجرين المهرَّبين.',
    },
  },
  {
    code: 'XAMT72', programme: 'trafficking-in-persons', countryCode: null, regionCode: '019', sectorCode: '15130', status: 'IMPLEMENTATION',
    startOffset: -3, endOffset: 1, baseRequirementUsd: 1_100_000, leadDonor: 'us',
    title: {
      en: 'Americas: joint investigation teams against human trafficking networks',
      fr: "Amériques : équipes communes d'enquête contre les réseaux de traite des êtres humains",
      es: 'Américas: equipos conjuntos de investigación contra las redes de trata de personas',
      ru: 'Америка: совместные следственные группы по борьбе с сетями торговли людьми',
      zh: '美洲：打击人口贩运网络联合调查组',
      ar: 'الأمريكتان: فرق تحقيق مشتركة لمكافحة شبكات الاتجار بالبشر',
    },
    description: {
      en: 'Connects prosecutors and police across borders so that cases against trafficking networks can be built and tried jointly.',
      fr: "Met en relation procureurs et policiers de part et d'autre des frontières afin que les affaires visant les réseaux de traite soient instruites et jugées conjointement.",
      es: 'Conecta a fiscales y policías a través de las fronteras para que los casos contra las redes de trata se instruyan y juzguen de forma conjunta.',
      ru: 'Объединяет прокуроров и полицию разных стран, чтобы дела против сетей торговли людьми расследовались и рассматривались совместно.',
      zh: '促进各国检察官和警察跨境合作，以便共同立案和审理针对贩运网络的案件。',
      ar: 'يربط بين أعضاء النيابة العامة والشرطة عبر الحدود حتى يتسنى إعداد القضايا المرفوعة ضد شبكات الاتجار ومحاكمتها بصورة مشتركة.',
    },
  },
  {
    code: 'NGAT81', programme: 'trafficking-in-persons', countryCode: 'NG', regionCode: '011', sectorCode: '15180', status: 'IMPLEMENTATION',
    startOffset: -2, endOffset: 2, baseRequirementUsd: 850_000, leadDonor: 'de',
    title: {
      en: 'Nigeria: protection and reintegration of trafficking survivors',
      fr: 'Nigéria : protection et réinsertion des survivants de la traite',
      es: 'Nigeria: protección y reintegración de sobrevivientes de la trata',
      ru: 'Нигерия: защита и реинтеграция лиц, переживших торговлю людьми',
      zh: '尼日利亚：保护贩运活动幸存者并帮助其重返社会',
      ar: 'نيجيريا: حماية الناجين من الاتجار بالبشر وإعادة إدماجهم',
    },
    description: {
      en: 'Funds shelters, legal aid and vocational training for women and girls returning from exploitation abroad.',
      fr: "Finance des foyers d'accueil, une aide juridique et une formation professionnelle pour les femmes et les filles rentrant d'une exploitation à l'étranger.",
      es: 'Financia albergues, asistencia jurídica y formación profesional para mujeres y niñas que regresan tras haber sido explotadas en el extranjero.',
      ru: 'Финансирует приюты, юридическую помощь и профессиональное обучение для женщин и девочек, возвращающихся после эксплуатации за рубежом.',
      zh: '为从海外剥削处境中返回的妇女和女童提供庇护所、法律援助和职业培训。',
      ar: 'يموّل دور الإيواء والمساعدة القانونية والتدريب المهني للنساء والفتيات العائدات من الاستغلال في الخارج.',
    },
  },
  {
    code: 'THAT35', programme: 'trafficking-in-persons', countryCode: 'TH', regionCode: '035', sectorCode: '15160', status: 'FINALISATION',
    startOffset: -4, endOffset: 0, baseRequirementUsd: 600_000, leadDonor: 'jp',
    title: {
      en: 'Thailand: countering forced labour and trafficking in the fishing sector',
      fr: 'Thaïlande : lutte contre le travail forcé et la traite dans le secteur de la pêche',
      es: 'Tailandia: lucha contra el trabajo forzoso y la trata en el sector pesquero',
      ru: 'Таиланд: противодействие принудительному труду и торговле людьми в рыболовстве',
      zh: '泰国：打击渔业部门的强迫劳动和人口贩运',
      ar: 'تايلند: مكافحة العمل القسري والاتجار بالأشخاص في قطاع صيد الأسماك',
    },
    description: {
      en: 'Trains labour inspectors and port authorities to detect trafficking on fishing vessels and refer victims to support.',
      fr: 'Forme les inspecteurs du travail et les autorités portuaires à détecter la traite à bord des navires de pêche et à orienter les victimes vers une assistance.',
      es: 'Capacita a inspectores de trabajo y autoridades portuarias para detectar la trata en buques pesqueros y derivar a las víctimas a servicios de apoyo.',
      ru: 'Обучает трудовых инспекторов и портовые власти выявлять торговлю людьми на рыболовных судах и направлять потерпевших за помощью.',
      zh: '培训劳动监察员和港口当局识别渔船上的人口贩运行为，并将被害人转介至援助服务。',
      ar: 'يدرّب مفتشي العمل وسلطات الموانئ على كشف الاتجار بالأشخاص على متن سفن الصيد وإحالة الضحايا إلى خدمات الدعم.',
    },
  },
  {
    code: 'GLOU68', programme: 'corruption', countryCode: null, regionCode: '001', sectorCode: '15113', status: 'IMPLEMENTATION',
    startOffset: -4, endOffset: 2, baseRequirementUsd: 2_000_000, leadDonor: 'no',
    title: {
      en: 'Global support to the implementation review of the Convention against Corruption',
      fr: "Appui mondial à l'examen de l'application de la Convention contre la corruption",
      es: 'Apoyo mundial al examen de la aplicación de la Convención contra la Corrupción',
      ru: 'Глобальная поддержка обзора хода осуществления Конвенции против коррупции',
      zh: '全球支持《反腐败公约》实施情况审议',
      ar: 'الدعم العالمي لاستعراض تنفيذ اتفاقية مكافحة الفساد',
    },
    description: {
      en: 'Helps governmental experts carry out peer reviews and turn their recommendations into national anti-corruption reforms.',
      fr: 'Aide les experts gouvernementaux à mener les examens par les pairs et à traduire leurs recommandations en réformes nationales de lutte contre la corruption.',
      es: 'Ayuda a los expertos gubernamentales a realizar los exámenes entre pares y a convertir sus recomendaciones en reformas nacionales contra la corrupción.',
      ru: 'Помогает правительственным экспертам проводить взаимные обзоры и воплощать их рекомендации в национальные антикоррупционные реформы.',
      zh: '帮助政府专家开展同行审议，并将审议建议转化为国家反腐败改革。',
      ar: 'يساعد الخبراء الحكوميين على إجراء استعراضات الأقران وتحويل توصياتها إلى إصلاحات وطنية لمكافحة الفساد.',
    },
  },
  {
    code: 'KENU12', programme: 'corruption', countryCode: 'KE', regionCode: '014', sectorCode: '15113', status: 'IMPLEMENTATION',
    startOffset: -3, endOffset: 1, baseRequirementUsd: 700_000, leadDonor: 'gb',
    title: {
      en: 'Kenya: integrity and accountability in the justice sector',
      fr: 'Kenya : intégrité et responsabilité dans le secteur de la justice',
      es: 'Kenya: integridad y rendición de cuentas en el sector de la justicia',
      ru: 'Кения: добросовестность и подотчетность в секторе правосудия',
      zh: '肯尼亚：司法部门的廉正与问责',
      ar: 'كينيا: النزاهة والمساءلة في قطاع العدالة',
    },
    description: {
      en: 'Works with the judiciary and prosecution service on codes of conduct, asset declarations and complaint mechanisms.',
      fr: 'Collabore avec la magistrature et le ministère public sur les codes de conduite, les déclarations de patrimoine et les mécanismes de plainte.',
      es: 'Trabaja con el poder judicial y la fiscalía en códigos de conducta, declaraciones patrimoniales y mecanismos de denuncia.',
      ru: 'Работает с судебной системой и прокуратурой над кодексами поведения, декларациями об активах и механизмами подачи жалоб.',
      zh: '与司法机构和检察机关合作，制定行为守则、资产申报制度和投诉机制。',
      ar: 'يعمل مع السلطة القضائية والنيابة العامة على مدونات قواعد السلوك وإقرارات الذمة المالية وآليات تقديم الشكاوى.',
    },
  },
  {
    code: 'XLAU40', programme: 'corruption', countryCode: null, regionCode: '419', sectorCode: '15113', status: 'IMPLEMENTATION',
    startOffset: -3, endOffset: 2, baseRequirementUsd: 950_000, leadDonor: 'ch',
    title: {
      en: 'Latin America: asset recovery networks',
      fr: "Amérique latine : réseaux de recouvrement d'avoirs",
      es: 'América Latina: redes de recuperación de activos',
      ru: 'Латинская Америка: сети по возвращению активов',
      zh: '拉丁美洲：资产追回网络',
      ar: 'أمريكا اللاتينية: شبكات استرداد الموجودات',
    },
    description: {
      en: 'Strengthens informal cooperation between practitioners so that proceeds of corruption can be traced, frozen and returned.',
      fr: 'Renforce la coopération informelle entre praticiens afin que le produit de la corruption puisse être localisé, gelé et restitué.',
      es: 'Refuerza la cooperación informal entre profesionales para que el producto de la corrupción pueda rastrearse, congelarse y restituirse.',
      ru: 'Укрепляет неформальное сотрудничество между практическими работниками, чтобы доходы от коррупции можно было отследить, заморозить и вернуть.',
      zh: '加强从业人员之间的非正式合作，以便追查、冻结和返还腐败所得。',
      ar: 'يعزز التعاون غير الرسمي بين الممارسين حتى يتسنى تعقب عائدات الفساد وتجميدها وإعادتها.',
    },
  },
  {
    code: 'IDNU55', programme: 'corruption', countryCode: 'ID', regionCode: '035', sectorCode: '15113', status: 'PIPELINE',
    startOffset: 1, endOffset: 3, baseRequirementUsd: 500_000, leadDonor: null,
    title: {
      en: 'Indonesia: anti-corruption education in universities',
      fr: 'Indonésie : éducation à la lutte contre la corruption dans les universités',
      es: 'Indonesia: educación anticorrupción en las universidades',
      ru: 'Индонезия: антикоррупционное просвещение в университетах',
      zh: '印度尼西亚：大学反腐败教育',
      ar: 'إندونيسيا: التثقيف في مجال مكافحة الفساد في الجامعات',
    },
    description: {
      en: 'Will introduce ethics and integrity modules into law and public administration curricula at partner universities.',
      fr: "Introduira des modules d'éthique et d'intégrité dans les cursus de droit et d'administration publique des universités partenaires.",
      es: 'Incorporará módulos de ética e integridad en los planes de estudio de derecho y administración pública de universidades asociadas.',
      ru: 'Внедрит модули по этике и добросовестности в учебные программы по праву и государственному управлению в университетах-партнерах.',
      zh: '将在伙伴大学的法律和公共管理课程中引入道德与廉正教学模块。',
      ar: 'سيُدرج وحدات دراسية عن الأخلاقيات والنزاهة في مناهج القانون والإدارة العامة في الجامعات الشريكة.',
    },
  },
  {
    code: 'GLOC44', programme: 'organized-crime', countryCode: null, regionCode: '001', sectorCode: '15210', status: 'IMPLEMENTATION',
    startOffset: -4, endOffset: 2, baseRequirementUsd: 2_600_000, leadDonor: 'jp',
    title: {
      en: 'Global programme on cybercrime',
      fr: 'Programme mondial sur la cybercriminalité',
      es: 'Programa mundial sobre el ciberdelito',
      ru: 'Глобальная программа по киберпреступности',
      zh: '网络犯罪问题全球方案',
      ar: 'البرنامج العالمي المتعلق بالجريمة السيبرانية',
    },
    description: {
      en: 'Builds the capacity of police, prosecutors and judges to investigate online child sexual exploitation, ransomware and cryptocurrency-enabled crime.',
      fr: "Renforce les capacités des policiers, procureurs et juges à enquêter sur l'exploitation sexuelle des enfants en ligne, les rançongiciels et la criminalité liée aux cryptomonnaies.",
      es: 'Fortalece la capacidad de policías, fiscales y jueces para investigar la explotación sexual infantil en línea, el ransomware y los delitos cometidos con criptomonedas.',
      ru: 'Укрепляет потенциал полиции, прокуроров и судей в расследовании сексуальной эксплуатации детей в интернете, атак программ-вымогателей и преступлений с использованием криптовалют.',
      zh: '提升警察、检察官和法官调查网上儿童性剥削、勒索软件和利用加密货币犯罪的能力。',
      ar: 'يبني قدرات الشرطة وأعضاء النيابة العامة والقضاة على التحقيق في الاستغلال الجنسي للأطفال عبر الإنترنت وبرمجيات الفدية والجرائم المرتكبة باستخدام العملات المشفرة.',
    },
  },
  {
    code: 'COLC18', programme: 'organized-crime', countryCode: 'CO', regionCode: '005', sectorCode: '15130', status: 'IMPLEMENTATION',
    startOffset: -3, endOffset: 1, baseRequirementUsd: 800_000, leadDonor: 'se',
    title: {
      en: 'Colombia: countering illicit financial flows from organized crime',
      fr: 'Colombie : lutte contre les flux financiers illicites de la criminalité organisée',
      es: 'Colombia: lucha contra los flujos financieros ilícitos de la delincuencia organizada',
      ru: 'Колумбия: противодействие незаконным финансовым потокам организованной преступности',
      zh: '哥伦比亚：打击有组织犯罪的非法资金流动',
      ar: 'كولومبيا: مكافحة التدفقات المالية غير المشروعة المتأتية من الجريمة المنظمة',
    },
    description: {
      en: 'Supports financial intelligence and prosecution units in following the money behind criminal groups.',
      fr: "Aide les cellules de renseignement financier et les unités de poursuite à suivre l'argent des groupes criminels.",
      es: 'Apoya a las unidades de inteligencia financiera y de fiscalía en el rastreo del dinero de los grupos delictivos.',
      ru: 'Помогает подразделениям финансовой разведки и уголовного преследования отслеживать деньги преступных групп.',
      zh: '支持金融情报和起诉部门追踪犯罪集团背后的资金。',
      ar: 'يدعم وحدات الاستخبارات المالية والنيابة العامة في تتبع الأموال التي تقف وراء الجماعات الإجرامية.',
    },
  },
  {
    code: 'MOZC27', programme: 'organized-crime', countryCode: 'MZ', regionCode: '014', sectorCode: '41030', status: 'IMPLEMENTATION',
    startOffset: -2, endOffset: 1, baseRequirementUsd: 650_000, leadDonor: 'aurora',
    title: {
      en: 'Mozambique: tackling wildlife and forest crime',
      fr: 'Mozambique : lutte contre la criminalité liée aux espèces sauvages et aux forêts',
      es: 'Mozambique: lucha contra los delitos contra la vida silvestre y los bosques',
      ru: 'Мозамбик: борьба с преступлениями против дикой природы и лесов',
      zh: '莫桑比克：打击野生动植物和森林犯罪',
      ar: 'موزامبيق: التصدي للجرائم المتعلقة بالأحياء البرية والغابات',
    },
    description: {
      en: 'Equips rangers, customs and prosecutors to stop ivory and timber trafficking through ports and border crossings.',
      fr: "Donne aux gardes forestiers, aux douanes et aux procureurs les moyens d'arrêter le trafic d'ivoire et de bois dans les ports et aux postes frontières.",
      es: 'Dota a guardaparques, aduanas y fiscales de medios para frenar el tráfico de marfil y madera en puertos y pasos fronterizos.',
      ru: 'Дает егерям, таможне и прокурорам средства для пресечения контрабанды слоновой кости и древесины через порты и пункты пересечения границы.',
      zh: '为护林员、海关和检察官提供装备，制止经由港口和边境口岸的象牙和木材走私。',
      ar: 'يزوّد حراس المحميات والجمارك وأعضاء النيابة العامة بالوسائل اللازمة لوقف الاتجار بالعاج والأخشاب عبر الموانئ والمعابر الحدودية.',
    },
  },
  {
    code: 'XEEC63', programme: 'organized-crime', countryCode: null, regionCode: '039', sectorCode: '15240', status: 'IMPLEMENTATION',
    startOffset: -3, endOffset: 2, baseRequirementUsd: 700_000, leadDonor: 'de',
    title: {
      en: 'South-Eastern Europe: countering firearms trafficking',
      fr: "Europe du Sud-Est : lutte contre le trafic d'armes à feu",
      es: 'Europa Sudoriental: lucha contra el tráfico de armas de fuego',
      ru: 'Юго-Восточная Европа: противодействие незаконному обороту огнестрельного оружия',
      zh: '东南欧：打击枪支贩运',
      ar: 'جنوب شرق أوروبا: مكافحة الاتجار بالأسلحة النارية',
    },
    description: {
      en: 'Harmonizes firearms laws, marking and record-keeping, and links border police in the region for joint operations.',
      fr: "Harmonise les législations sur les armes à feu, le marquage et l'enregistrement, et relie les polices aux frontières de la région pour des opérations conjointes.",
      es: 'Armoniza las leyes sobre armas de fuego, su marcaje y registro, y conecta a las policías de fronteras de la región para operaciones conjuntas.',
      ru: 'Гармонизирует законодательство об огнестрельном оружии, его маркировку и учет и связывает пограничную полицию региона для совместных операций.',
      zh: '统一枪支法律、标识和记录保存制度，并联通区域内边境警察开展联合行动。',
      ar: 'يوائم قوانين الأسلحة النارية ووسمها وحفظ سجلاتها، ويربط بين شرطة الحدود في المنطقة لتنفيذ عمليات مشتركة.',
    },
  },
  {
    code: 'XWAC05', programme: 'organized-crime', countryCode: null, regionCode: '011', sectorCode: '15210', status: 'CLOSED',
    startOffset: -5, endOffset: -2, baseRequirementUsd: 400_000, leadDonor: 'us',
    title: {
      en: 'West Africa: maritime crime prosecutions, phase I',
      fr: "Afrique de l'Ouest : poursuites contre la criminalité maritime, phase I",
      es: 'África Occidental: enjuiciamiento de delitos marítimos, fase I',
      ru: 'Западная Африка: уголовное преследование за морские преступления, этап I',
      zh: '西非：海上犯罪起诉，第一阶段',
      ar: 'غرب أفريقيا: الملاحقة القضائية للجرائم البحرية، المرحلة الأولى',
    },
    description: {
      en: 'Completed: trained coastguards and prosecutors to bring piracy and armed robbery at sea cases to court.',
      fr: 'Achevé : a formé garde-côtes et procureurs pour porter devant les tribunaux les affaires de piraterie et de vol à main armée en mer.',
      es: 'Finalizado: capacitó a guardacostas y fiscales para llevar ante los tribunales casos de piratería y robo a mano armada en el mar.',
      ru: 'Завершен: обучил береговую охрану и прокуроров доводить до суда дела о пиратстве и вооруженном разбое на море.',
      zh: '已完成：培训海岸警卫队和检察官，将海盗和海上武装抢劫案件诉诸法院。',
      ar: 'مكتمل: درّب خفر السواحل وأعضاء النيابة العامة على إحالة قضايا القرصنة والسطو المسلح في البحر إلى المحاكم.',
    },
  },
  {
    code: 'GLOR50', programme: 'terrorism-prevention', countryCode: null, regionCode: '001', sectorCode: '15130', status: 'IMPLEMENTATION',
    startOffset: -4, endOffset: 2, baseRequirementUsd: 1_500_000, leadDonor: 'qa',
    title: {
      en: 'Global: legal frameworks against terrorism',
      fr: 'Mondial : cadres juridiques contre le terrorisme',
      es: 'Mundial: marcos jurídicos contra el terrorismo',
      ru: 'Глобальный проект: правовые основы борьбы с терроризмом',
      zh: '全球：反恐怖主义法律框架',
      ar: 'عالمي: الأطر القانونية لمكافحة الإرهاب',
    },
    description: {
      en: 'Advises States on ratifying the universal instruments against terrorism and on drafting laws that respect human rights.',
      fr: "Conseille les États sur la ratification des instruments universels contre le terrorisme et sur l'élaboration de lois respectueuses des droits de l'homme.",
      es: 'Asesora a los Estados sobre la ratificación de los instrumentos universales contra el terrorismo y la redacción de leyes que respeten los derechos humanos.',
      ru: 'Консультирует государства по вопросам ратификации универсальных документов о борьбе с терроризмом и разработки законов, уважающих права человека.',
      zh: '就批准国际反恐怖主义文书以及起草尊重人权的法律向各国提供咨询。',
      ar: 'يقدم المشورة إلى الدول بشأن التصديق على الصكوك العالمية لمكافحة الإرهاب وصياغة قوانين تحترم حقوق الإنسان.',
    },
  },
  {
    code: 'XSSR77', programme: 'terrorism-prevention', countryCode: null, regionCode: '202', sectorCode: '15210', status: 'IMPLEMENTATION',
    startOffset: -3, endOffset: 2, baseRequirementUsd: 1_200_000, leadDonor: 'eu',
    title: {
      en: 'Sahel: criminal justice responses to terrorism',
      fr: 'Sahel : réponses de la justice pénale au terrorisme',
      es: 'Sahel: respuestas de la justicia penal al terrorismo',
      ru: 'Сахель: меры уголовного правосудия в ответ на терроризм',
      zh: '萨赫勒：应对恐怖主义的刑事司法对策',
      ar: 'منطقة الساحل: تدابير العدالة الجنائية لمواجهة الإرهاب',
    },
    description: {
      en: 'Supports specialized prosecution and judicial units to investigate and try terrorism cases fairly and within reasonable time.',
      fr: 'Aide les pôles judiciaires spécialisés à enquêter sur les affaires de terrorisme et à les juger équitablement et dans un délai raisonnable.',
      es: 'Apoya a las unidades fiscales y judiciales especializadas para investigar y juzgar los casos de terrorismo de forma justa y en un plazo razonable.',
      ru: 'Помогает специализированным прокурорским и судебным подразделениям расследовать и рассматривать дела о терроризме справедливо и в разумные сроки.',
      zh: '支持专门的检察和司法部门公正、及时地调查和审理恐怖主义案件。',
      ar: 'يدعم وحدات النيابة العامة والوحدات القضائية المتخصصة في التحقيق في قضايا الإرهاب والفصل فيها بإنصاف وفي غضون فترة معقولة.',
    },
  },
  {
    code: 'IRQR09', programme: 'terrorism-prevention', countryCode: 'IQ', regionCode: '145', sectorCode: '15261', status: 'IMPLEMENTATION',
    startOffset: -2, endOffset: 1, baseRequirementUsd: 750_000, leadDonor: 'kw',
    title: {
      en: 'Iraq: rehabilitation and reintegration of children associated with terrorist groups',
      fr: 'Iraq : réadaptation et réinsertion des enfants associés à des groupes terroristes',
      es: 'Iraq: rehabilitación y reintegración de niños vinculados a grupos terroristas',
      ru: 'Ирак: реабилитация и реинтеграция детей, связанных с террористическими группами',
      zh: '伊拉克：与恐怖团体有关联儿童的康复和重返社会',
      ar: 'العراق: إعادة تأهيل الأطفال المرتبطين بالجماعات الإرهابية وإعادة إدماجهم',
    },
    description: {
      en: 'Helps justice and social services treat these children primarily as victims, with alternatives to detention and family-based care.',
      fr: "Aide les services judiciaires et sociaux à traiter ces enfants d'abord comme des victimes, avec des solutions de substitution à la détention et une prise en charge familiale.",
      es: 'Ayuda a los servicios judiciales y sociales a tratar a estos niños ante todo como víctimas, con alternativas a la detención y acogimiento familiar.',
      ru: 'Помогает органам юстиции и социальным службам относиться к этим детям прежде всего как к жертвам, применяя альтернативы содержанию под стражей и семейный уход.',
      zh: '帮助司法和社会服务部门首先将这些儿童视为被害人，采用拘留替代措施和以家庭为基础的照料。',
      ar: 'يساعد أجهزة العدالة والخدمات الاجتماعية على معاملة هؤلاء الأطفال بوصفهم ضحايا في المقام الأول، مع بدائل للاحتجاز ورعاية قائمة على الأسرة.',
    },
  },
  {
    code: 'PAKR31', programme: 'terrorism-prevention', countryCode: 'PK', regionCode: '034', sectorCode: '15130', status: 'IMPLEMENTATION',
    startOffset: -1, endOffset: 2, baseRequirementUsd: 550_000, leadDonor: 'gb',
    title: {
      en: 'Pakistan: prosecuting the financing of terrorism',
      fr: 'Pakistan : poursuites contre le financement du terrorisme',
      es: 'Pakistán: enjuiciamiento de la financiación del terrorismo',
      ru: 'Пакистан: уголовное преследование за финансирование терроризма',
      zh: '巴基斯坦：起诉资助恐怖主义行为',
      ar: 'باكستان: الملاحقة القضائية لتمويل الإرهاب',
    },
    description: {
      en: 'Trains prosecutors and investigators to use financial evidence in terrorism financing cases.',
      fr: 'Forme les procureurs et les enquêteurs à utiliser les preuves financières dans les affaires de financement du terrorisme.',
      es: 'Capacita a fiscales e investigadores en el uso de pruebas financieras en casos de financiación del terrorismo.',
      ru: 'Обучает прокуроров и следователей использованию финансовых доказательств по делам о финансировании терроризма.',
      zh: '培训检察官和调查人员在资助恐怖主义案件中使用金融证据。',
      ar: 'يدرّب أعضاء النيابة العامة والمحققين على استخدام الأدلة المالية في قضايا تمويل الإرهاب.',
    },
  },
];
