// DEMO DATA (illustrative): suggested amounts on /give for the three global programmes named in
// ECOSOC resolution 2002/17, each with what it could pay for. The sums and what they buy are
// plausible orders of magnitude for UNODC technical assistance, not costed figures: programme
// officers replace them on /staff/programmes/:slug/amounts (decision 057).
import type { ProgrammeSlug } from './programmes.ts';

type Texts = { en: string; fr: string; es: string; ru: string; zh: string; ar: string };

export interface SuggestedAmountSeed {
  programme: ProgrammeSlug;
  /** Major units, the same numbers in USD and EUR. */
  amounts: { major: number; isPreselected?: boolean; text: Texts }[];
}

export const suggestedAmountCurrencies = ['USD', 'EUR'] as const;

export const suggestedAmountSeeds: SuggestedAmountSeed[] = [
  {
    programme: 'trafficking-in-persons',
    amounts: [
      {
        major: 25,
        text: {
          en: 'Hotline posters in three languages for one border crossing',
          fr: 'Des affiches de la ligne d’assistance en trois langues pour un poste frontière',
          es: 'Carteles de la línea de ayuda en tres idiomas para un paso fronterizo',
          ru: 'Плакаты горячей линии на трёх языках для одного пограничного пункта',
          zh: '为一个边境口岸印制三种语言的求助热线海报',
          ar: 'ملصقات خط المساعدة بثلاث لغات لمعبر حدودي واحد',
        },
      },
      {
        major: 50,
        isPreselected: true,
        text: {
          en: 'Trains one border official for a day to spot the signs of trafficking',
          fr: 'Forme un agent des frontières pendant une journée à repérer les signes de la traite',
          es: 'Forma a un agente fronterizo durante un día para detectar indicios de trata',
          ru: 'Один день обучения пограничника распознаванию признаков торговли людьми',
          zh: '培训一名边境官员一天，学会识别人口贩运的迹象',
          ar: 'يدرّب موظف حدود واحداً ليوم على رصد علامات الاتجار بالبشر',
        },
      },
      {
        major: 100,
        text: {
          en: 'A week of shelter and legal advice for one identified victim',
          fr: 'Une semaine d’hébergement et de conseil juridique pour une victime identifiée',
          es: 'Una semana de alojamiento y asesoría jurídica para una víctima identificada',
          ru: 'Неделя приюта и юридической помощи для одной выявленной жертвы',
          zh: '为一名已确认的受害者提供一周的庇护和法律咨询',
          ar: 'أسبوع من الإيواء والمشورة القانونية لضحية واحدة تم التعرف عليها',
        },
      },
      {
        major: 250,
        text: {
          en: 'Two days of training in victim-centred interviewing for five investigators',
          fr: 'Deux jours de formation aux auditions centrées sur la victime pour cinq enquêteurs',
          es: 'Dos días de formación en entrevistas centradas en la víctima para cinco investigadores',
          ru: 'Два дня обучения опросу с учётом интересов жертвы для пяти следователей',
          zh: '为五名调查人员提供两天以受害者为中心的询问培训',
          ar: 'يومان من التدريب على المقابلات المتمحورة حول الضحية لخمسة محققين',
        },
      },
    ],
  },
  {
    programme: 'corruption',
    amounts: [
      {
        major: 30,
        text: {
          en: 'Course materials for one anti-corruption trainee',
          fr: 'Le matériel de cours d’un stagiaire en lutte contre la corruption',
          es: 'Materiales de curso para un alumno en lucha contra la corrupción',
          ru: 'Учебные материалы для одного слушателя курса по борьбе с коррупцией',
          zh: '一名反腐败学员的课程材料',
          ar: 'مواد دراسية لمتدرب واحد في مكافحة الفساد',
        },
      },
      {
        major: 60,
        isPreselected: true,
        text: {
          en: 'A day’s training for one procurement officer in spotting bid rigging',
          fr: 'Une journée de formation d’un agent des marchés publics à détecter les ententes',
          es: 'Un día de formación para un funcionario de compras en detectar licitaciones amañadas',
          ru: 'День обучения сотрудника по закупкам выявлению сговора на торгах',
          zh: '培训一名采购官员一天，学会识别串通投标',
          ar: 'يوم تدريب لموظف مشتريات واحد على كشف التلاعب بالعطاءات',
        },
      },
      {
        major: 150,
        text: {
          en: 'A day of expert advice to a national anti-corruption body',
          fr: 'Une journée de conseil d’expert à une autorité nationale de lutte contre la corruption',
          es: 'Un día de asesoramiento experto a un organismo nacional anticorrupción',
          ru: 'День экспертной консультации для национального антикоррупционного органа',
          zh: '为一个国家反腐败机构提供一天的专家咨询',
          ar: 'يوم من مشورة الخبراء لهيئة وطنية لمكافحة الفساد',
        },
      },
      {
        major: 400,
        text: {
          en: 'Brings one national expert to a regional review meeting of the Convention against Corruption',
          fr: 'Fait venir un expert national à une réunion régionale d’examen de la Convention contre la corruption',
          es: 'Lleva a un experto nacional a una reunión regional de examen de la Convención contra la Corrupción',
          ru: 'Участие одного национального эксперта в региональном совещании по обзору Конвенции против коррупции',
          zh: '资助一名国家专家出席《反腐败公约》区域审议会议',
          ar: 'يتيح لخبير وطني واحد حضور اجتماع استعراض إقليمي لاتفاقية مكافحة الفساد',
        },
      },
    ],
  },
  {
    programme: 'organized-crime',
    amounts: [
      {
        major: 40,
        text: {
          en: 'Evidence bags and seals for one forensic team for a month',
          fr: 'Des sachets et scellés de preuves pour une équipe de police scientifique pendant un mois',
          es: 'Bolsas y precintos de pruebas para un equipo forense durante un mes',
          ru: 'Пакеты и пломбы для улик одной криминалистической группе на месяц',
          zh: '一个法证小组一个月所需的证物袋和封条',
          ar: 'أكياس وأختام أدلة لفريق طب شرعي واحد لمدة شهر',
        },
      },
      {
        major: 80,
        isPreselected: true,
        text: {
          en: 'A day’s training for one prosecutor in handling digital evidence',
          fr: 'Une journée de formation d’un procureur au traitement des preuves numériques',
          es: 'Un día de formación para un fiscal en el manejo de pruebas digitales',
          ru: 'День обучения одного прокурора работе с цифровыми доказательствами',
          zh: '培训一名检察官一天，学会处理电子证据',
          ar: 'يوم تدريب لمدعٍ عام واحد على التعامل مع الأدلة الرقمية',
        },
      },
      {
        major: 200,
        text: {
          en: 'A week of container-profiling training for one port officer',
          fr: 'Une semaine de formation au ciblage des conteneurs pour un agent portuaire',
          es: 'Una semana de formación en perfilado de contenedores para un agente portuario',
          ru: 'Неделя обучения одного сотрудника порта отбору контейнеров для досмотра',
          zh: '为一名港口官员提供一周的集装箱风险分析培训',
          ar: 'أسبوع تدريب لموظف ميناء واحد على تحديد الحاويات عالية الخطورة',
        },
      },
      {
        major: 500,
        text: {
          en: 'A day’s meeting of prosecutors from two countries on a joint investigation',
          fr: 'Une journée de réunion entre procureurs de deux pays sur une enquête conjointe',
          es: 'Un día de reunión de fiscales de dos países sobre una investigación conjunta',
          ru: 'Однодневная встреча прокуроров двух стран по совместному расследованию',
          zh: '两国检察官就联合调查举行一天会议',
          ar: 'اجتماع ليوم واحد لمدعين عامين من بلدين بشأن تحقيق مشترك',
        },
      },
    ],
  },
];
