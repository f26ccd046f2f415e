"""Seed-style exports in five languages, with glued markers and words that end like them.

Each document is printed by :mod:`tests.export_factory` in the seed's conventions (glue
``\\t \\u00a0``, one-space page starts, multi-code-point hyphens). The traps are words whose
last letters read as the marker the sequence expects at that point: French ``vrai``,
``parmi``, ``aussi`` before marker i, ``suivi`` (vi) before marker iv, ``prix``, ``choix``,
``voix`` (ix), ``deux``, ``aux`` (x) before marker ix; Italian plurals (``diritti``,
``migranti``) before marker i, ``motivi``, ``nuovi`` (vi) before marker iv; Portuguese
``aqui``, ``ali``; German ``bei``, ``frei``, ``Polizei`` and ``aktiv``, ``positiv`` (iv).
"""

from __future__ import annotations

from .export_factory import Heading, Paragraph, Variant

FRENCH = [
    Heading("Les politiques migratoires en France"),
    Paragraph(
        "C'est vrai que la question est parmi les plus débattues, et aussi parmi les plus anciennes{i}. "
        "Le rapport{ii} publié par les associations montre que les préfectures appliquent la loi de façon inégale.{iii} "
        "Les recomman{-}dations du Défenseur des droits restent lettre morte."
    ),
    Paragraph(
        "Le suivi des dossiers reste difficile{iv} : les demandes ont été traitées à moitié{v}, et le contrôle "
        "est resté ainsi{vi} sans suite réelle. Le porte-{/}parole du ministère n'a pas répondu."
    ),
    Paragraph(
        "Les avocats{vii} ont demandé une réforme. Selon eux{viii}, le prix de la procédure et le choix des juges "
        "posent problème, et la voix des deux parties n'est pas entendue{ix}. Le gouvernement a répondu aux critiques{x}."
    ),
]

ITALIAN = [
    Heading("I diritti dei migranti in Italia"),
    Paragraph(
        "I diritti dei migranti sono garantiti dalla Costituzione{i}, ma gli enti locali applicano le norme "
        "in modi diversi. Secondo i dati ufficiali{ii}, i centri di accoglienza sono pieni e molti richiedenti "
        "restano senza alloggio.{iii}"
    ),
    Paragraph(
        "Per questi motivi le associazioni chiedono nuovi fondi{iv}. Gli operatori{v} segnalano ritardi{vi} "
        "nelle procedure di asilo."
    ),
    Paragraph("I tribunali civili hanno accolto i ricorsi{vii} presentati dagli avvocati dei richiedenti."),
    Paragraph(
        "Molti comuni hanno aperto nuovi sportelli per i richiedenti, ma i tempi di attesa restano lunghi "
        "e i diritti dei migranti non sono sempre rispettati dagli uffici pubblici."
    ),
]

SPANISH = [
    Heading("La política migratoria en España"),
    Paragraph(
        "Las autoridades locales aplican la ley{i} de forma desigual. Yo fui testigo en Madrid: el alcalde "
        "dijo que así no se puede seguir.{ii} Los datos del informe{iii} muestran que la detención es excesiva."
    ),
    Paragraph(
        "El comité{iv} describe la situación de los menores no acompañados{v}, que esperan meses una respuesta{vi}. "
        "Los abogados piden un control judicial efectivo{vii} y más recursos para las oficinas de asilo."
    ),
    Paragraph(
        "En 2019, el número de solicitudes aumentó un veinte por ciento{viii}. Un taxi{ix} no es un medio de transporte "
        "previsto por la ley de extranjería."
    ),
]

PORTUGUESE = [
    Heading("A política de imigração em Portugal"),
    Paragraph(
        "Os migrantes que vivem aqui e ali enfrentam obstáculos administrativos{1}. O relatório do "
        "Provedor de Justiça{2} descreve atrasos de vários meses nos serviços de estrangeiros."
    ),
    Paragraph(
        "Daqui a dois anos, a nova lei{3} deverá simplificar os pedidos. Aqui{4}, como ali, as associações "
        "pedem mais transparência e um acompanhamento jurídico gratuito{5}."
    ),
    Paragraph(
        "Segundo os dados oficiais, os pedidos de asilo aumentaram em 2021.{6} Os tribunais administrativos "
        "decidiram a favor dos requerentes em metade dos casos{7}."
    ),
]

GERMAN = [
    Heading("Migrationspolitik in Deutschland"),
    Paragraph(
        "Bei der Umsetzung des Gesetzes{i} ist die Polizei frei, eigene Schwerpunkte zu setzen. Die Partei "
        "hat dabei{ii} auf die Rolle der Länder verwiesen.{iii}"
    ),
    Paragraph(
        "Die Beratungsstellen sind sehr aktiv und positiv gestimmt{iv}, doch die Staats{-}angehörigkeit bleibt "
        "für viele Menschen{v} ein fernes Ziel. Die Behörden{vi} prüfen jeden Antrag einzeln."
    ),
    Paragraph(
        "Im Archiv der Ausländerbehörde{vii} liegen tausende unbearbeitete Akten. Die Verwaltungs{-}gerichte "
        "entscheiden über die Klagen{viii}."
    ),
]

LANGUAGES: dict[str, list] = {"fr": FRENCH, "it": ITALIAN, "es": SPANISH, "pt": PORTUGUESE, "de": GERMAN}
"""The documents by their ISO 639-1 language code."""

SEED_VARIANT = Variant(lines_per_page=10, width=60)
"""The seed's conventions, with pages short enough that every document spans two or three (and few enough page
starts that the reader takes them for pages: at most a fifth of the lines)."""
