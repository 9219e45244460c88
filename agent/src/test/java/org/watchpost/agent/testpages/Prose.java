package org.watchpost.agent.testpages;

import java.util.List;
import java.util.Random;

/**
 * Sentences of the kind institutional sites publish (press releases, programme pages, reports), in the six languages
 * of the United Nations. The scan's cost depends on the bytes it reads: real words, real UTF-8 of Arabic, Cyrillic and
 * Chinese, and the letters that begin many anchors, keep the automaton's partial matches as frequent as on real pages,
 * which random letters would not. None of them contains a failure string of the library.
 */
final class Prose {
    enum Language {
        EN("en", 40), FR("fr", 20), ES("es", 15), AR("ar", 10), RU("ru", 8), ZH("zh", 7);

        final String tag;
        /** Share of paragraphs in this language, in percent; English-first pages with translated sections. */
        final int weight;

        Language(String tag, int weight) {
            this.tag = tag;
            this.weight = weight;
        }

        boolean rightToLeft() {
            return this == AR;
        }
    }

    private static final List<String> EN = List.of(
            "The Ministry publishes its annual report on water resources, with figures for every region and the "
                    + "progress of the irrigation programme.",
            "Citizens can comment on the draft strategy until the end of the month; consultation meetings take "
                    + "place in the regional offices and online.",
            "The programme supports national authorities in preventing violent extremism through community "
                    + "dialogue, education and the rule of law.",
            "More than 1,200 judges, prosecutors and police officers took part in the training sessions organised "
                    + "in 2025 with our partners in the region.",
            "The Director welcomed the delegation and recalled that cooperation between institutions remains the "
                    + "best protection against organised crime.",
            "Applications for the summer fellowship are open to graduates in law, criminology and the social "
                    + "sciences; the deadline is 15 March.",
            "The report finds that access to justice improved in rural districts, where mobile courts now hear "
                    + "cases every second week.",
            "Member States adopted the resolution by consensus and asked the Secretariat to present a progress "
                    + "report at the next session.",
            "Our offices are closed on public holidays; requests submitted through the online portal are answered "
                    + "within ten working days.",
            "The conference brought together experts from 38 countries to discuss the protection of cultural "
                    + "heritage against trafficking.",
            "A new guide explains to municipalities how to assess the risks of flooding and to plan the "
                    + "maintenance of drainage networks.",
            "The audit of last year's accounts was presented to the board, together with the budget proposal for "
                    + "the next biennium.",
            "Students from twelve universities presented their research on the use of artificial intelligence in "
                    + "public administration.",
            "The evaluation recommends that the project continue for three more years, with a stronger focus on "
                    + "the inclusion of women and young people.");

    private static final List<String> FR = List.of(
            "Le ministère publie son rapport annuel sur les ressources en eau, avec les chiffres de chaque région "
                    + "et l'état d'avancement du programme d'irrigation.",
            "Les citoyens peuvent commenter le projet de stratégie jusqu'à la fin du mois ; les réunions de "
                    + "consultation ont lieu dans les bureaux régionaux.",
            "Le programme aide les autorités nationales à prévenir l'extrémisme violent par le dialogue, "
                    + "l'éducation et l'état de droit.",
            "Plus de 1 200 magistrats, procureurs et policiers ont participé aux sessions de formation organisées "
                    + "avec nos partenaires.",
            "La directrice a accueilli la délégation et rappelé que la coopération entre institutions reste la "
                    + "meilleure protection contre la criminalité organisée.",
            "Les candidatures pour la bourse d'été sont ouvertes aux diplômés en droit, en criminologie et en "
                    + "sciences sociales ; la date limite est le 15 mars.",
            "Le rapport constate que l'accès à la justice s'est amélioré dans les districts ruraux, où des "
                    + "tribunaux itinérants siègent toutes les deux semaines.",
            "Les États membres ont adopté la résolution par consensus et demandé au Secrétariat de présenter un "
                    + "rapport d'étape à la prochaine session.",
            "Un nouveau guide explique aux communes comment évaluer les risques d'inondation et planifier "
                    + "l'entretien des réseaux d'assainissement.",
            "L'évaluation recommande de prolonger le projet de trois ans, en mettant davantage l'accent sur "
                    + "l'inclusion des femmes et des jeunes.");

    private static final List<String> ES = List.of(
            "El ministerio publica su informe anual sobre los recursos hídricos, con cifras de cada región y el "
                    + "avance del programa de riego.",
            "La ciudadanía puede comentar el proyecto de estrategia hasta final de mes; las reuniones de consulta "
                    + "se celebran en las oficinas regionales.",
            "El programa apoya a las autoridades nacionales en la prevención del extremismo violento mediante el "
                    + "diálogo, la educación y el Estado de derecho.",
            "Más de 1.200 jueces, fiscales y agentes de policía participaron en los cursos de formación "
                    + "organizados con nuestros socios.",
            "La directora recibió a la delegación y recordó que la cooperación entre instituciones sigue siendo la "
                    + "mejor protección contra la delincuencia organizada.",
            "El informe concluye que el acceso a la justicia mejoró en los distritos rurales, donde los tribunales "
                    + "móviles atienden casos cada dos semanas.",
            "Los Estados miembros aprobaron la resolución por consenso y pidieron a la Secretaría un informe de "
                    + "situación para el próximo período de sesiones.",
            "Una nueva guía explica a los municipios cómo evaluar el riesgo de inundaciones y planificar el "
                    + "mantenimiento de las redes de drenaje.",
            "La evaluación recomienda prorrogar el proyecto tres años más, con especial atención a la inclusión "
                    + "de las mujeres y los jóvenes.");

    private static final List<String> AR = List.of(
            "تنشر الوزارة تقريرها السنوي عن الموارد المائية، مع أرقام كل منطقة ومدى تقدم برنامج الري.",
            "يمكن للمواطنين التعليق على مشروع الاستراتيجية حتى نهاية الشهر، وتعقد اجتماعات التشاور في المكاتب "
                    + "الإقليمية.",
            "يدعم البرنامج السلطات الوطنية في منع التطرف العنيف من خلال الحوار المجتمعي والتعليم وسيادة القانون.",
            "شارك أكثر من 1200 قاض ومدع عام وضابط شرطة في الدورات التدريبية التي نظمت مع شركائنا في المنطقة.",
            "رحب المدير بالوفد وذكر بأن التعاون بين المؤسسات يظل أفضل حماية من الجريمة المنظمة.",
            "اعتمدت الدول الأعضاء القرار بتوافق الآراء وطلبت من الأمانة تقديم تقرير مرحلي في الدورة المقبلة.",
            "يوصي التقييم بمواصلة المشروع ثلاث سنوات أخرى، مع تركيز أكبر على إشراك النساء والشباب.");

    private static final List<String> RU = List.of(
            "Министерство публикует ежегодный доклад о водных ресурсах с данными по каждому региону и ходу "
                    + "программы орошения.",
            "Граждане могут прокомментировать проект стратегии до конца месяца; консультации проходят в "
                    + "региональных отделениях.",
            "Программа помогает национальным органам предупреждать насильственный экстремизм через диалог, "
                    + "образование и верховенство права.",
            "Более 1200 судей, прокуроров и сотрудников полиции приняли участие в учебных курсах, организованных "
                    + "вместе с партнёрами.",
            "Государства-члены приняли резолюцию консенсусом и поручили Секретариату представить доклад о ходе "
                    + "работы на следующей сессии.",
            "В оценке рекомендуется продлить проект ещё на три года, уделяя больше внимания участию женщин и "
                    + "молодёжи.");

    private static final List<String> ZH = List.of(
            "该部发布了水资源年度报告，列出了各地区的数据和灌溉项目的进展情况。",
            "公众可在本月底前对战略草案提出意见，磋商会议在各区域办事处举行。",
            "该方案通过社区对话、教育和法治，支持各国当局预防暴力极端主义。",
            "一千二百多名法官、检察官和警官参加了与区域合作伙伴共同举办的培训课程。",
            "会员国以协商一致方式通过了该决议，并请秘书处在下届会议上提交进展报告。",
            "评估建议将该项目再延长三年，并更加注重妇女和青年的参与。");

    private Prose() {
    }

    static Language pick(Random random) {
        int r = random.nextInt(100);
        for (Language l : Language.values()) {
            r -= l.weight;
            if (r < 0) {
                return l;
            }
        }
        return Language.EN;
    }

    static String sentence(Language language, Random random) {
        List<String> bank = switch (language) {
            case EN -> EN;
            case FR -> FR;
            case ES -> ES;
            case AR -> AR;
            case RU -> RU;
            case ZH -> ZH;
        };
        return bank.get(random.nextInt(bank.size()));
    }

    /** A short title-like phrase: the first words of a sentence, cut at a word boundary. */
    static String headline(Language language, Random random) {
        String s = sentence(language, random);
        int cut = language == Language.ZH ? Math.min(s.length(), 14) : s.lastIndexOf(' ', Math.min(s.length(), 60));
        return (cut > 0 ? s.substring(0, cut) : s).replaceAll("[,;:]$", "");
    }
}
