import type { ReferenceTranslation } from '../translation.js';
import { DOCUMENT_TITLES_FR } from './documentTitles.fr.js';
import { lowerInitial } from './frenchTypography.js';
import { PAIRS_FR } from './pairs.fr.js';
import { REPLY_CODES_FR } from './replyCodes.fr.js';

/**
 * FRENCH: the offline reference in French, for French-speaking system administrators: "mode
 * passif", "pare-feu", "plage de ports", not a word-for-word rendering. Loaded by the CLI only
 * when French is asked for (`--lang fr` or a French locale).
 */
export const FRENCH: ReferenceTranslation = {
  language: 'fr',
  replyCodes: REPLY_CODES_FR,
  pairs: PAIRS_FR,
  classes: {
    1: {
      label: 'Réponse positive préliminaire',
      meaning:
        'Le serveur a commencé l’action et enverra une autre réponse quand elle sera finie ; le client attend cette seconde réponse avant d’envoyer une autre commande.',
    },
    2: {
      label: 'Réponse positive définitive',
      meaning: 'L’action s’est bien terminée ; le client peut envoyer sa commande suivante.',
    },
    3: {
      label: 'Réponse positive intermédiaire',
      meaning:
        'La commande est acceptée mais en attente : la commande suivante de la séquence doit fournir le reste (USER puis PASS, RNFR puis RNTO, REST puis RETR/STOR, AUTH puis ADAT).',
    },
    4: {
      label: 'Réponse négative temporaire',
      meaning:
        'L’action n’a pas été faite, mais la situation est passagère : la même commande peut réussir si on la réessaie plus tard.',
    },
    5: {
      label: 'Réponse négative définitive',
      meaning:
        'L’action n’a pas été faite, et répéter la même commande échouera tant que rien ne change : un nom, un droit, un réglage.',
    },
    6: {
      label: 'Réponse protégée',
      meaning:
        'La réponse est encapsulée par un mécanisme de sécurité de la RFC 2228 : son texte est du base64 qui contient la vraie réponse (631 intégrité, 632 intégrité et confidentialité, 633 confidentialité).',
    },
  },
  groups: {
    0: {
      label: 'syntaxe',
      meaning: 'la syntaxe des commandes : commandes inconnues, non implémentées, superflues ou mal formées.',
    },
    1: { label: 'information', meaning: 'les demandes d’information : état et aide.' },
    2: { label: 'connexions', meaning: 'les connexions de contrôle et de données.' },
    3: {
      label: 'authentification et comptes',
      meaning: 'l’authentification, les comptes et (RFC 2228) les échanges de sécurité.',
    },
    4: {
      label: 'un groupe que la RFC 959 laisse libre',
      meaning: 'un groupe laissé libre par la RFC 959 ; ses codes sont des extensions ou non standard.',
    },
    5: { label: 'système de fichiers', meaning: 'le système de fichiers : fichiers, répertoires, stockage.' },
  },
  undefinedGroup: {
    label: 'un groupe non attribué',
    meaning: 'aucune norme ne donne de sens à ce deuxième chiffre.',
  },
  compare: {
    greeting: 'l’accueil',
    clientAction: {
      1: 'attendre la réponse finale qui va suivre',
      2: 'passer à la commande suivante',
      3: 'envoyer la commande suivante de la séquence',
      4: 'réessayer plus tard, sans rien changer',
      5: 'ne pas renvoyer la même commande telle quelle (la correction ci-dessous dit quoi changer)',
      6: 'décoder la réponse protégée qu’elle contient',
    },
    summarySide: (code, title, classLabel, groupLabel) =>
      `${code} (${title}) : ${classLabel.toLowerCase()}, domaine « ${groupLabel} »`,
    summaryJoin: (a, b) => `${a} ; ${b}.`,
    sameCode: (code, title) => `Les deux côtés sont ${code} (${title}) : il n’y a rien à comparer.`,
    outcomeDiffers: (a, aLabel, b, bLabel) =>
      `Résultat : ${a} est une ${aLabel.toLowerCase()}, ${b} une ${bLabel.toLowerCase()}.`,
    outcomeSame: (label) => `Résultat : les deux sont de la même classe (${label.toLowerCase()}).`,
    retry: (transient, permanent) =>
      `Nouvel essai : après ${transient}, la même commande peut réussir plus tard ; après ${permanent}, elle échouera encore tant que rien ne change.`,
    subjectDiffers: (a, aLabel, b, bLabel) => `Domaine : ${a} concerne « ${aLabel} », ${b} « ${bLabel} ».`,
    subjectSame: (label, a, aTitle, b, bTitle) =>
      `Domaine : les deux concernent « ${label} » ; ${a} dit « ${aTitle} », ${b} dit « ${bTitle} ».`,
    commands: (a, aCommands, b, bCommands) =>
      `Commandes : ${a} répond à ${aCommands} ; ${b} répond à ${bCommands}.`,
    commandsShared: (shared, a, aOnly, b, bOnly) =>
      `Commandes : les deux peuvent répondre à ${shared} ; seul ${a} répond à ${aOnly}, seul ${b} à ${bOnly}.`,
    commandsAlso: (shared, code, more) =>
      `Commandes : les deux peuvent répondre à ${shared} ; ${code} répond aussi à ${more}.`,
    commandsSame: (shared) => `Commandes : les deux répondent aux mêmes (${shared}).`,
    whenSide: (code, when) => `Circonstances de ${code} : ${lowerInitial(when)}`,
    doSide: (code, todo) => `Après ${code}, ${lowerInitial(todo)}`,
    nextStepBoth: (action) => `Étape suivante pour le client, dans les deux cas : ${action}.`,
    nextStep: (a, aAction, b, bAction) =>
      `Étape suivante pour le client : après ${a}, ${aAction} ; après ${b}, ${bAction}.`,
    notDefined: (codes) =>
      `Aucune norme ne définit ${codes.join(' ni ')} ; il est lu ici d’après ses chiffres seulement.`,
    uncataloguedMeaning: (line, classMeaning) => `${line} ${classMeaning}`,
    uncataloguedWhen:
      'Seulement sur les serveurs qui inventent leurs propres codes ; lisez le texte qui l’accompagne.',
    uncataloguedToDo: (classLabel, action) => `Comme pour toute ${classLabel.toLowerCase()} : ${action}.`,
  },
  explain: {
    uncataloguedTitle: (classLabel) => `${classLabel} non standard`,
    uncataloguedDescription: (code, digits) =>
      `Aucune norme ni serveur connu ne définit ${code}. D’après ses chiffres, c’est une ${digits.first.label.toLowerCase()} : ${digits.first.meaning.charAt(0).toLowerCase()}${digits.first.meaning.slice(1)} ${
        digits.second.name === 'undefined'
          ? `Son deuxième chiffre, ${digits.second.digit}, n’appartient à aucun groupe défini.`
          : `Elle concerne ${digits.second.meaning}`
      }`,
    uncataloguedWhen:
      'Seulement de la part de serveurs qui inventent leurs propres codes ; le texte qui l’accompagne est le meilleur indice.',
    nextStepByClass: {
      1: 'Attendez la réponse finale qui suit ; rien à faire pour l’instant.',
      2: 'Rien à corriger : la commande a réussi.',
      3: 'Envoyez la commande suivante de la séquence que le serveur attend.',
      4: 'Réessayez plus tard ; le texte dit ce qui était momentanément indisponible.',
      5: 'Ne réessayez pas tel quel : lisez le texte et changez le nom, les identifiants ou le réglage du serveur qu’il désigne.',
      6: 'Décodez le texte base64 avec le mécanisme de sécurité en place pour lire la vraie réponse.',
    },
    fallbackStep: 'Lisez le texte qui accompagne le code.',
    invalidCode: (input, reason) => {
      const why = {
        empty: 'il est vide',
        'not-digits': 'il contient autre chose que des chiffres',
        length: `il a ${reason.kind === 'length' ? reason.digits : 0} chiffres au lieu de 3`,
        'first-digit': `son premier chiffre est ${reason.kind === 'first-digit' ? reason.digit : ''}, or FTP n’utilise que 1 à 6 (1 préliminaire, 2 succès, 3 intermédiaire, 4 échec temporaire, 5 échec définitif, 6 protégé)`,
        range: 'ce n’est pas un nombre de 100 à 699',
      }[reason.kind];
      return `« ${input} » n’est pas un code de réponse FTP : ${why}. Un code de réponse a trois chiffres, le premier de 1 à 6, par exemple 229 ou 530.`;
    },
    usageHint: 'Aide : ftp-doctor --help',
    commandLineError: frenchCommandLineError,
  },
  documentTitles: DOCUMENT_TITLES_FR,
};

/**
 * COMMAND_LINE_ERRORS: commander's usage errors for explain and compare, read from its error code
 * and the English message it builds (commander 14: "unknown option '--x'", "missing required
 * argument 'code'", "too many arguments for 'compare'. Expected 2 arguments but got 3.", "option
 * '--lang <language>' argument missing").
 */
const COMMAND_LINE_ERRORS: readonly {
  readonly code: string;
  readonly pattern: RegExp;
  readonly french: (match: RegExpExecArray) => string;
}[] = [
  {
    code: 'commander.unknownOption',
    pattern: /unknown option '([^']*)'(?:\s*\(Did you mean ([^?]*)\?\))?/,
    french: (m) => `option inconnue « ${m[1]} »${m[2] ? ` (vouliez-vous dire ${m[2]} ?)` : ''}`,
  },
  {
    code: 'commander.optionMissingArgument',
    pattern: /option '([^']*)' argument missing/,
    french: (m) => `il manque la valeur de l’option « ${m[1]} »`,
  },
  {
    code: 'commander.missingArgument',
    pattern: /missing required argument '([^']*)'/,
    french: (m) => `il manque l’argument obligatoire « ${m[1]} »`,
  },
  {
    code: 'commander.excessArguments',
    pattern: /too many arguments for '([^']*)'\. Expected (\d+) arguments? but got (\d+)/,
    french: (m) => `trop d’arguments pour « ${m[1]} » : ${m[2]} attendus, ${m[3]} reçus`,
  },
];

function frenchCommandLineError(code: string, message: string): string | null {
  const row = COMMAND_LINE_ERRORS.find((entry) => entry.code === code);
  const match = row?.pattern.exec(message);
  return row && match ? row.french(match) : null;
}
