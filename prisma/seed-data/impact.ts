// Result indicators, impact-update texts and the finished demo appeal, in six languages.
// Placeholders {year}, {trained}, {reached} are filled in by the seed.
import type { LocalizedText } from '../../app/platform/i18n.ts';
import type { ProgrammeSlug } from './programmes.ts';

type Text = Required<LocalizedText>;

export interface IndicatorSeed {
  code: string;
  unit: string;
  name: Text;
  baseline: number;
  target: number;
}

const officialsTrained: IndicatorSeed = {
  code: 'officials-trained',
  unit: 'people',
  baseline: 0,
  target: 600,
  name: {
    en: 'Criminal justice practitioners trained',
    fr: 'Professionnels de la justice pénale formés',
    es: 'Profesionales de la justicia penal capacitados',
    ru: 'Число обученных работников системы уголовного правосудия',
    zh: '接受培训的刑事司法从业人员',
    ar: 'عدد العاملين في مجال العدالة الجنائية الذين تلقوا التدريب',
  },
};

/** Two indicators per project: one shared, one by programme. */
export const indicatorsByProgramme: Record<ProgrammeSlug, IndicatorSeed[]> = {
  'trafficking-in-persons': [
    officialsTrained,
    {
      code: 'victims-referred',
      unit: 'people',
      baseline: 40,
      target: 450,
      name: {
        en: 'Victims identified and referred to assistance',
        fr: 'Victimes identifiées et orientées vers une assistance',
        es: 'Víctimas identificadas y derivadas a servicios de asistencia',
        ru: 'Число выявленных потерпевших, направленных за помощью',
        zh: '经识别并转介至援助服务的被害人',
        ar: 'عدد الضحايا الذين جرى التعرف عليهم وإحالتهم إلى المساعدة',
      },
    },
  ],
  corruption: [
    officialsTrained,
    {
      code: 'integrity-plans',
      unit: 'institutions',
      baseline: 2,
      target: 30,
      name: {
        en: 'Institutions with an adopted integrity plan',
        fr: "Institutions ayant adopté un plan d'intégrité",
        es: 'Instituciones con un plan de integridad aprobado',
        ru: 'Число учреждений, утвердивших план обеспечения добросовестности',
        zh: '已通过廉正计划的机构',
        ar: 'عدد المؤسسات التي اعتمدت خطة للنزاهة',
      },
    },
  ],
  'organized-crime': [
    officialsTrained,
    {
      code: 'joint-operations',
      unit: 'operations',
      baseline: 0,
      target: 40,
      name: {
        en: 'Joint operations leading to seizures or arrests',
        fr: 'Opérations conjointes ayant abouti à des saisies ou à des arrestations',
        es: 'Operaciones conjuntas que dieron lugar a incautaciones o detenciones',
        ru: 'Число совместных операций, завершившихся изъятиями или арестами',
        zh: '促成查获或逮捕的联合行动',
        ar: 'عدد العمليات المشتركة التي أسفرت عن مضبوطات أو اعتقالات',
      },
    },
  ],
  'terrorism-prevention': [
    officialsTrained,
    {
      code: 'cases-rule-of-law',
      unit: 'cases',
      baseline: 5,
      target: 120,
      name: {
        en: 'Terrorism cases handled in line with fair-trial standards',
        fr: 'Affaires de terrorisme traitées conformément aux normes du procès équitable',
        es: 'Casos de terrorismo tramitados conforme a las normas de un juicio justo',
        ru: 'Число дел о терроризме, рассмотренных в соответствии со стандартами справедливого судопроизводства',
        zh: '依照公正审判标准处理的恐怖主义案件',
        ar: 'عدد قضايا الإرهاب التي عولجت وفقاً لمعايير المحاكمة العادلة',
      },
    },
  ],
};

export const updateTitle: Text = {
  en: '{year} progress update',
  fr: "Point d'étape {year}",
  es: 'Actualización de avances {year}',
  ru: 'Обзор хода работы за {year} год',
  zh: '{year}年进展情况',
  ar: 'تحديث التقدم المحرز لعام {year}',
};

/** The impact-report story's field notes (seed.ts): one per project in the quarter reported. */
export const storyUpdateTitle: Text = {
  en: 'Field report: {quarter}',
  fr: 'Rapport de terrain : {quarter}',
  es: 'Informe de campo: {quarter}',
  ru: 'Отчет с мест: {quarter}',
  zh: '实地报告：{quarter}',
  ar: 'تقرير ميداني: {quarter}',
};

export const updateBodies: Text[] = [
  {
    en: 'With national counterparts, the project trained {trained} criminal justice practitioners this period and the results indicator reached {reached}. Figures are illustrative demo data.',
    fr: "Avec ses homologues nationaux, le projet a formé {trained} professionnels de la justice pénale au cours de la période et l'indicateur de résultats a atteint {reached}. Les chiffres sont des données de démonstration.",
    es: 'Junto con sus contrapartes nacionales, el proyecto capacitó a {trained} profesionales de la justicia penal en este período y el indicador de resultados alcanzó {reached}. Las cifras son datos ilustrativos de demostración.',
    ru: 'Совместно с национальными партнерами проект за этот период обучил {trained} работников системы уголовного правосудия, а показатель результатов достиг {reached}. Цифры являются иллюстративными демонстрационными данными.',
    zh: '本期内，项目与国家对口部门合作培训了{trained}名刑事司法从业人员，成果指标达到{reached}。数字为示例演示数据。',
    ar: 'درّب المشروع مع النظراء الوطنيين {trained} من العاملين في مجال العدالة الجنائية خلال هذه الفترة، وبلغ مؤشر النتائج {reached}. الأرقام بيانات توضيحية لأغراض العرض.',
  },
  {
    en: 'Mentoring continued in the field: {trained} practitioners have now completed the course, and the second indicator stands at {reached}. Figures are illustrative demo data.',
    fr: "Le mentorat s'est poursuivi sur le terrain : {trained} professionnels ont désormais suivi la formation et le second indicateur s'établit à {reached}. Les chiffres sont des données de démonstration.",
    es: 'La mentoría continuó sobre el terreno: {trained} profesionales ya han completado el curso y el segundo indicador se sitúa en {reached}. Las cifras son datos ilustrativos de demostración.',
    ru: 'Наставничество на местах продолжилось: курс уже прошли {trained} специалистов, а второй показатель составляет {reached}. Цифры являются иллюстративными демонстрационными данными.',
    zh: '实地辅导工作继续进行：目前已有{trained}名从业人员完成课程，第二项指标为{reached}。数字为示例演示数据。',
    ar: 'تواصل التوجيه الميداني: أتمّ {trained} من الممارسين الدورة حتى الآن، ويبلغ المؤشر الثاني {reached}. الأرقام بيانات توضيحية لأغراض العرض.',
  },
];

export const appealSeed = {
  slug: 'protect-survivors-of-trafficking',
  goalUsd: 150_000,
  title: {
    en: 'Protect survivors of human trafficking',
    fr: 'Protéger les survivants de la traite des êtres humains',
    es: 'Proteger a los sobrevivientes de la trata de personas',
    ru: 'Защитим людей, переживших торговлю людьми',
    zh: '保护人口贩运幸存者',
    ar: 'حماية الناجين من الاتجار بالبشر',
  } satisfies Text,
  subject: {
    en: 'Help a survivor of trafficking rebuild her life',
    fr: 'Aidez une survivante de la traite à reconstruire sa vie',
    es: 'Ayude a una sobreviviente de la trata a rehacer su vida',
    ru: 'Помогите женщине, пережившей торговлю людьми, начать жизнь заново',
    zh: '帮助一名人口贩运幸存者重建生活',
    ar: 'ساعدوا ناجية من الاتجار بالبشر على إعادة بناء حياتها',
  } satisfies Text,
  body: {
    en: 'Shelters, legal aid and job training give survivors a way back. This year the Global Programme against Trafficking in Human Beings is still far from its funding goal: your gift closes part of that gap.',
    fr: "Foyers d'accueil, aide juridique et formation professionnelle offrent aux survivants un chemin de retour. Cette année, le Programme mondial contre la traite des êtres humains est encore loin de son objectif de financement : votre don comble une partie de cet écart.",
    es: 'Los albergues, la asistencia jurídica y la formación laboral ofrecen a los sobrevivientes un camino de regreso. Este año el Programa Mundial contra la Trata de Personas aún está lejos de su meta de financiación: su donación cierra parte de esa brecha.',
    ru: 'Приюты, юридическая помощь и профессиональное обучение дают пострадавшим шанс вернуться к нормальной жизни. В этом году Глобальной программе против торговли людьми все еще далеко до цели по финансированию: ваше пожертвование сокращает этот разрыв.',
    zh: '庇护所、法律援助和职业培训为幸存者提供了回归之路。今年，打击贩运人口全球方案距离筹资目标仍有很大差距：您的捐款将弥补其中一部分缺口。',
    ar: 'توفر دور الإيواء والمساعدة القانونية والتدريب على العمل للناجين طريقاً للعودة. ولا يزال البرنامج العالمي لمكافحة الاتجار بالبشر هذا العام بعيداً عن هدفه التمويلي: تبرعكم يسدّ جزءاً من هذه الفجوة.',
  } satisfies Text,
};
