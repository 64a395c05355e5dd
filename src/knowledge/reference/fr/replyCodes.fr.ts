import type { ReplyCodeText } from '../translation.js';

/**
 * The reply-code entries in French, written for French-speaking system administrators. Same
 * facts as the English entries (src/knowledge/reference/replyCodes.ts) and the same sources;
 * `howToResolve` and `contexts` follow the English order one for one.
 */

const RIEN = 'Rien à corriger : c’est une réponse normale.';

export const REPLY_CODES_FR: Readonly<Record<number, ReplyCodeText>> = {
  110: {
    title: 'Marqueur de reprise',
    description:
      'Le serveur transmet un marqueur de reprise, pour qu’un transfert interrompu puisse repartir de ce point. Le texte a une forme fixe, « MARK yyyy = mmmm » : le marqueur côté client, puis celui du serveur.',
    whenYouSeeIt:
      'Seulement pendant un transfert en mode bloc ou compressé (MODE B / MODE C). Les clients ordinaires, en mode flux, ne le rencontrent pratiquement jamais.',
    howToResolve: [
      RIEN,
      'Si un client ne le comprend pas, repassez-le en mode flux (MODE S), que tous les serveurs acceptent.',
    ],
  },
  120: {
    title: 'Service prêt dans N minutes',
    description:
      'Le serveur a accepté la connexion mais n’est pas encore prêt ; il annonce un délai en minutes et enverra un message d’accueil 220 quand il le sera. Le client doit garder la connexion ouverte et attendre.',
    whenYouSeeIt:
      'Comme première réponse après la connexion (avant l’accueil 220), ou après REIN, typiquement pendant le démarrage ou une maintenance du serveur.',
    howToResolve: [
      'Attendez le 220 qui doit suivre ; un client dont le délai d’attente de l’accueil est court peut abandonner trop tôt.',
      'S’il ne devient jamais prêt, regardez côté serveur : il peut être bloqué au démarrage ou attendre un service lent (authentification, stockage).',
    ],
    contexts: [
      'Le serveur n’est pas encore prêt et demande au client d’attendre ; un accueil 220 doit suivre.',
    ],
  },
  125: {
    title: 'Connexion de données déjà ouverte ; début du transfert',
    description:
      'La connexion de données était déjà ouverte : le serveur y lance le transfert tout de suite. Une réponse finale 226 ou 250 (ou une erreur) suit à la fin du transfert.',
    whenYouSeeIt:
      'En réponse à RETR, STOR, STOU, APPE, LIST, NLST ou MLSD quand le client s’était déjà connecté au port passif avant d’envoyer la commande (certains serveurs, dont IIS, disent 125 là où d’autres disent 150).',
    howToResolve: [RIEN],
  },
  150: {
    title: 'Fichier accepté ; ouverture de la connexion de données',
    description:
      'Le serveur a accepté le transfert et va ouvrir (mode actif) ou accepter (mode passif) la connexion de données. Une réponse finale 226 ou 250 (ou une erreur comme 425 ou 426) suit.',
    whenYouSeeIt:
      'En réponse à RETR, STOR, STOU, APPE, LIST, NLST ou MLSD. Si le transfert reste bloqué juste après le 150, regardez d’abord la connexion de données : un pare-feu ou un NAT bloque peut-être le port de données, ou la connexion s’est ouverte puis n’a rien transporté. Sur un long transfert, un NAT ou un pare-feu a pu aussi couper la connexion de contrôle restée inactive, si bien que la réponse finale n’arrive jamais.',
    howToResolve: [
      RIEN,
      'Si rien ne suit le 150, testez le port de données : ouvrez la plage de ports passifs sur chaque pare-feu entre le client et le serveur, ou corrigez l’adresse que le serveur annonce dans sa réponse à PASV.',
    ],
  },
  200: {
    title: 'Commande acceptée',
    description:
      'La commande a réussi ; c’est la réponse de succès générique des commandes qui ne renvoient pas de données. Elle répond à TYPE, MODE, STRU, PORT, EPRT, NOOP, PBSZ, PROT, OPTS, entre autres.',
    whenYouSeeIt:
      'Après les commandes de préparation comme TYPE I, PORT/EPRT, PBSZ 0, PROT P, OPTS UTF8 ON ou NOOP.',
    howToResolve: [RIEN],
    contexts: [
      'Le serveur a accepté l’adresse du mode actif ; il s’y connectera au début du transfert (cette connexion peut encore échouer ensuite).',
      'Taille de tampon de protection acceptée (TLS utilise toujours PBSZ 0) ; le client peut maintenant envoyer PROT P pour chiffrer les connexions de données.',
      'Niveau de protection des données accepté : après PROT P, les listings et les fichiers passent aussi en TLS.',
      'Le serveur a reconnu l’option OPTS et l’a appliquée.',
    ],
  },
  202: {
    title: 'Commande superflue sur ce site',
    description:
      'Le serveur accepte la commande mais n’a rien à en faire, il l’ignore. C’est un succès, pas une erreur.',
    whenYouSeeIt:
      'Après ALLO, ACCT ou SITE sur les serveurs qui n’en ont pas besoin, et après PASS quand aucun mot de passe n’était nécessaire.',
    howToResolve: [RIEN],
  },
  211: {
    title: 'État du système, ou liste des fonctionnalités',
    description:
      'Le serveur envoie un état ou, en réponse à FEAT, la liste des extensions qu’il prend en charge. Une liste FEAT tient sur plusieurs lignes : « 211- » d’abord, une fonctionnalité par ligne précédée d’une espace, puis « 211 End ».',
    whenYouSeeIt: 'Après FEAT, STAT sans argument, ou HELP sur certains serveurs.',
    howToResolve: [RIEN],
    contexts: [
      'La liste des extensions de ce serveur (AUTH TLS, EPSV, MLST, UTF8 …) ; un 211 sur une seule ligne signifie qu’il n’en a aucune.',
      'Un état du serveur et de cette session.',
    ],
  },
  212: {
    title: 'État d’un répertoire',
    description: 'Le serveur envoie des informations d’état sur un répertoire.',
    whenYouSeeIt: 'Après STAT avec un nom de répertoire en argument.',
    howToResolve: [RIEN],
  },
  213: {
    title: 'État d’un fichier',
    description:
      'Le serveur envoie des informations sur un fichier ; pour SIZE et MDTM, c’est une seule valeur. SIZE donne la taille en octets pour le TYPE courant, MDTM la date de modification en UTC sous la forme AAAAMMJJHHMMSS, éventuellement suivie d’une fraction de seconde (AAAAMMJJHHMMSS.sss).',
    whenYouSeeIt: 'Après SIZE, MDTM, ou STAT avec un nom de fichier.',
    howToResolve: [RIEN],
    contexts: [
      'La taille du fichier en octets, telle qu’il serait transféré dans le TYPE courant.',
      'La date de dernière modification du fichier en UTC, écrite AAAAMMJJHHMMSS, parfois suivie d’une fraction de seconde après un point.',
    ],
  },
  214: {
    title: 'Message d’aide',
    description:
      'Le serveur envoie un texte d’aide sur lui-même ou sur une commande. Il est écrit pour un humain ; un programme ne doit pas l’analyser (FEAT sert à cela).',
    whenYouSeeIt: 'Après HELP, HELP <commande> ou SITE HELP.',
    howToResolve: [RIEN],
  },
  215: {
    title: 'Type de système',
    description:
      'Le serveur indique son type de système d’exploitation. La plupart des serveurs Unix répondent « UNIX Type: L8 » quel que soit leur système ; IIS répond « Windows_NT ».',
    whenYouSeeIt: 'Après SYST. Les clients s’en servent pour deviner le format des listings de répertoires.',
    howToResolve: [RIEN],
  },
  220: {
    title: 'Service prêt pour un nouvel utilisateur',
    description:
      'Le serveur est prêt et attend que le client s’authentifie ; c’est le message d’accueil (la bannière) normal juste après la connexion. Il tient souvent sur plusieurs lignes et nomme souvent le logiciel serveur.',
    whenYouSeeIt:
      'Comme première réponse sur une nouvelle connexion de contrôle, après REIN, après HOST (RFC 7151), et après un 120 « prêt dans N minutes ».',
    howToResolve: [
      RIEN,
      'Si la bannière dévoile le logiciel et sa version et que vous préférez ne pas les afficher, mettez votre propre texte (vsftpd ftpd_banner, ProFTPD ServerIdent on "texte" ou ServerIdent off). Pure-FTPd n’affiche jamais sa version ; avec un fichier de « fortunes » (-F / FortunesFile), il accueille avec une ligne de ce fichier au lieu de sa bannière « Welcome to Pure-FTPd ».',
    ],
    contexts: [
      'Le serveur accueille le client et attend l’authentification.',
      'L’hôte virtuel a été accepté ; le texte est souvent le message d’accueil propre à cet hôte.',
      'La session est revenue à l’état qui suit la connexion ; authentifiez-vous de nouveau.',
    ],
  },
  221: {
    title: 'Fermeture de la connexion de contrôle',
    description: 'Le serveur dit au revoir et ferme la connexion de contrôle ; l’utilisateur est déconnecté.',
    whenYouSeeIt: 'Après QUIT (si un transfert est en cours, seulement une fois celui-ci terminé).',
    howToResolve: [RIEN],
  },
  225: {
    title: 'Connexion de données ouverte ; aucun transfert en cours',
    description:
      'Une connexion de données est ouverte et le reste, mais rien n’y passe. Contrairement à 226, le serveur ne ferme pas la connexion de données.',
    whenYouSeeIt:
      'Après ABOR quand aucun transfert n’est en cours. La RFC 959 compte 225 et 226 parmi les réponses à ABOR (§5.4) et décrit 226 pour ce cas (§4.1.3), mais les serveurs diffèrent : vsftpd 3.0.3 répond à chacun de ces ABOR « 225 No transfer to ABOR. », qu’une connexion de données soit ouverte ou non, si bien que 225 y est courant ; ProFTPD 1.3.8 répond 226. Pure-FTPd répond aussi 225 à ses commandes propres ESTA/ESTP.',
    howToResolve: [RIEN],
  },
  226: {
    title: 'Fermeture de la connexion de données ; transfert terminé',
    description:
      'Le transfert (ou le listing) s’est bien terminé et le serveur ferme la connexion de données. C’est la fin normale de RETR, STOR, LIST, NLST et MLSD.',
    whenYouSeeIt:
      'Après un 150 ou un 125, à la fin d’un transfert ; aussi après ABOR : seul quand aucun transfert n’était en cours (RFC 959 §4.1.3 ; c’est ce que fait ProFTPD, vsftpd répond 225 à la place), ou après un 426 pour le transfert interrompu.',
    howToResolve: [RIEN],
    contexts: [
      'L’interruption a été faite ; si un transfert était en cours, il a reçu un 426 avant cette réponse.',
    ],
  },
  227: {
    title: 'Passage en mode passif',
    description:
      'Le serveur a ouvert un port de données et indique au client où se connecter, en six nombres h1,h2,h3,h4,p1,p2 : l’adresse IPv4 h1.h2.h3.h4 et le port p1×256+p2. L’adresse ne vaut que ce que vaut la configuration du serveur : derrière un NAT, c’est souvent une adresse privée que les clients ne peuvent pas joindre.',
    whenYouSeeIt:
      'Après PASV. Si l’adresse diffère de celle à laquelle vous vous êtes connecté (une adresse privée 10.x/172.16–31.x/192.168.x, 0.0.0.0 ou une autre adresse publique), le serveur est derrière un NAT ou mal configuré.',
    howToResolve: [
      'Vérifiez que l’adresse annoncée est celle que les clients utilisent ; sinon, configurez l’adresse publique dans le serveur (vsftpd pasv_address, ProFTPD MasqueradeAddress, Pure-FTPd -P / ForcePassiveIP, FileZilla Server : l’adresse IP publique dans ses réglages du mode passif).',
      'Vérifiez que le port est joignable : ouvrez la plage de ports passifs du serveur dans chaque pare-feu et groupe de sécurité entre le client et le serveur.',
      'Préférez EPSV (229), qui ne transporte que le port et ne peut donc pas annoncer une mauvaise adresse.',
    ],
    contexts: [
      'Mode passif : le serveur écoute à l’adresse et au port codés en h1,h2,h3,h4,p1,p2 (port = p1×256+p2).',
    ],
  },
  228: {
    title: 'Passage en mode passif long',
    description:
      'Le serveur est passé en mode passif « long » et donne la famille d’adresses, l’adresse et le port sous forme de listes d’octets précédées de leur longueur. LPSV était une expérience qu’EPSV a remplacée ; presque aucun client ne s’en sert.',
    whenYouSeeIt: 'Après LPSV, sur d’anciens serveurs seulement.',
    howToResolve: [RIEN, 'Utilisez EPSV plutôt que LPSV.'],
  },
  229: {
    title: 'Passage en mode passif étendu',
    description:
      'Le serveur a ouvert un port de données et n’en donne que le numéro, par exemple « (|||40012|) » ; le client se connecte à ce port sur la même adresse que celle de la connexion de contrôle. Comme aucune adresse n’est transmise, EPSV fonctionne à travers un NAT et en IPv6.',
    whenYouSeeIt:
      'Après EPSV. Si le transfert reste ensuite bloqué ou échoue avec un 425, le port indiqué est bloqué par un pare-feu entre le client et le serveur.',
    howToResolve: [
      RIEN,
      'Si la connexion de données échoue ensuite, ouvrez la plage de ports passifs du serveur (les ports vus dans les réponses 229) dans chaque pare-feu et groupe de sécurité sur le chemin.',
    ],
    contexts: [
      'Mode passif étendu : connectez-vous au port indiqué, sur l’adresse même de la connexion de contrôle.',
    ],
  },
  230: {
    title: 'Utilisateur connecté',
    description:
      'L’authentification a réussi ; la session peut maintenant lister et transférer des fichiers.',
    whenYouSeeIt:
      'Après PASS (le cas courant), après USER quand le compte n’a pas besoin de mot de passe, ou après ACCT.',
    howToResolve: [RIEN],
    contexts: ['Connecté sans mot de passe : ce compte (ou ce serveur) n’en demande pas.'],
  },
  231: {
    title: 'Utilisateur déconnecté (obsolète)',
    description:
      'Une réponse obsolète : l’utilisateur est déconnecté et le service terminé. Elle vient des codes de réponse de 1974 (RFC 640) ; la RFC 959 ne la mentionne pas, et les serveurs actuels répondent 221 à QUIT.',
    whenYouSeeIt: 'Seulement de très vieux serveurs, après BYE ou QUIT.',
    howToResolve: [RIEN],
  },
  232: {
    title: 'Utilisateur connecté, autorisé par l’échange de sécurité',
    description:
      'La connexion est acceptée sur la foi de l’identité prouvée pendant l’échange de sécurité (un ticket Kerberos ou un certificat client TLS) : aucun mot de passe n’est demandé. Dans les codes de 1974 (RFC 640), 232 signifiait au contraire une déconnexion différée.',
    whenYouSeeIt:
      'Après USER, à la suite d’AUTH/ADAT ou d’AUTH TLS avec un certificat client accepté par le serveur.',
    howToResolve: [RIEN],
    contexts: [
      'Connecté grâce à l’identité prouvée pendant AUTH (en TLS, le certificat client) ; pas de mot de passe.',
    ],
  },
  234: {
    title: 'Mécanisme de sécurité accepté (AUTH)',
    description:
      'Le serveur accepte le mécanisme de sécurité demandé par AUTH et n’a besoin de rien d’autre. Après « AUTH TLS », la négociation TLS commence immédiatement sur la connexion de contrôle.',
    whenYouSeeIt: 'Après AUTH TLS (ou AUTH SSL). C’est la seule bonne réponse qui permet à TLS de démarrer.',
    howToResolve: [
      RIEN,
      'Si la négociation TLS échoue juste après, vérifiez le certificat du serveur et les versions et suites de chiffrement TLS qu’il accepte.',
    ],
    contexts: ['Le serveur accepte TLS ; la négociation commence juste après cette ligne.'],
  },
  235: {
    title: 'Échange de données de sécurité terminé (ADAT)',
    description:
      'L’échange de données de sécurité s’est bien terminé ; le texte peut porter des données finales pour le client sous la forme « ADAT=<base64> ».',
    whenYouSeeIt: 'Après ADAT, avec des mécanismes comme GSSAPI/Kerberos. Jamais avec TLS.',
    howToResolve: [RIEN],
  },
  250: {
    title: 'Action sur le fichier effectuée',
    description:
      'L’action sur le fichier a réussi : changement de répertoire, suppression, renommage ou fin d’un transfert. Après MLST, elle porte les informations sur un fichier dans une réponse sur plusieurs lignes.',
    whenYouSeeIt: 'Après CWD, DELE, RMD, RNTO, MLST, ou à la fin d’un transfert sur certains serveurs.',
    howToResolve: [RIEN],
    contexts: [
      'Les informations lisibles par une machine (type, size, modify …) sur le fichier demandé, sur la ligne du milieu.',
      'Le répertoire courant a changé.',
    ],
  },
  257: {
    title: 'Chemin (« CHEMIN » créé / répertoire courant)',
    description:
      'Succès, avec un chemin entre guillemets doubles : le répertoire courant après PWD, ou le nouveau répertoire après MKD. Les guillemets à l’intérieur du chemin sont doublés.',
    whenYouSeeIt: 'Après PWD ou MKD (et leurs anciennes formes XPWD, XMKD).',
    howToResolve: [RIEN],
  },
  331: {
    title: 'Nom d’utilisateur accepté, mot de passe attendu',
    description: 'Le serveur a accepté le nom d’utilisateur et attend maintenant PASS avec le mot de passe.',
    whenYouSeeIt:
      'Après USER. Beaucoup de serveurs répondent 331 même pour un utilisateur inexistant, pour qu’on ne puisse pas deviner les noms valides ; le verdict tombe après PASS.',
    howToResolve: [RIEN],
  },
  332: {
    title: 'Compte nécessaire pour se connecter',
    description: 'Le serveur a besoin d’un nom de compte (ACCT) pour terminer la connexion.',
    whenYouSeeIt:
      'Après USER ou PASS, sur les serveurs (souvent des mainframes) qui facturent ou séparent le travail par compte.',
    howToResolve: [
      'Envoyez ACCT avec le nom de compte fourni par l’administrateur du serveur (ftp-doctor : --account).',
    ],
  },
  334: {
    title: 'Mécanisme de sécurité accepté, données de sécurité attendues (ADAT)',
    description:
      'Le serveur accepte le mécanisme d’AUTH mais attend d’abord des données de sécurité, envoyées par ADAT ; le texte peut porter « ADAT=<base64> ». C’est correct pour GSSAPI/Kerberos, mais c’est une mauvaise réponse à AUTH TLS, qui doit recevoir 234.',
    whenYouSeeIt: 'Après AUTH GSSAPI ou un mécanisme semblable.',
    howToResolve: [
      'Clients Kerberos/GSSAPI : rien à faire, continuez avec ADAT.',
      'Si un serveur répond 334 à AUTH TLS, il ne respecte pas la RFC 4217 et les clients TLS échoueront. Mettez à jour ou reconfigurez le serveur.',
    ],
    contexts: [
      'Le mécanisme demande un échange ADAT (GSSAPI/Kerberos) ; en réponse à AUTH TLS, c’est contraire à la RFC 4217, qui exige 234.',
    ],
  },
  335: {
    title: 'Données de sécurité acceptées, suite attendue',
    description:
      'Le serveur a accepté les données de sécurité mais a besoin d’autres échanges ADAT pour conclure.',
    whenYouSeeIt: 'Après ADAT, au milieu d’un échange GSSAPI/Kerberos.',
    howToResolve: [RIEN],
  },
  336: {
    title: 'Nom d’utilisateur accepté, mot de passe attendu ; défi …',
    description:
      'Le nom d’utilisateur est accepté et un mot de passe est exigé ; le texte porte un défi à partir duquel le mot de passe (mot de passe à usage unique ou réponse à un défi) est calculé.',
    whenYouSeeIt:
      'Après USER, sur les serveurs à mots de passe à usage unique ou à authentification par défi-réponse.',
    howToResolve: [
      'Calculez la réponse au défi avec le jeton ou l’outil utilisé sur votre site, puis envoyez-la avec PASS.',
    ],
  },
  350: {
    title: 'Action sur le fichier en attente d’informations',
    description:
      'La commande est acceptée et attend la suivante pour se terminer : RNTO après RNFR, ou RETR/STOR après REST.',
    whenYouSeeIt:
      'Après RNFR (envoyez RNTO avec le nouveau nom) ou REST <position> (envoyez RETR ou STOR pour reprendre).',
    howToResolve: [RIEN],
    contexts: [
      'Le fichier à renommer existe ; envoyez RNTO avec le nouveau nom.',
      'La position de reprise est enregistrée ; le prochain RETR ou STOR repartira de là.',
    ],
  },
  421: {
    title: 'Service indisponible, fermeture de la connexion de contrôle',
    description:
      'Le serveur refuse de continuer et ferme la connexion de contrôle. Cette réponse peut arriver après n’importe quelle commande et peut remplacer l’accueil.',
    whenYouSeeIt:
      'À la place de l’accueil 220 quand une limite de connexions, un bannissement ou un arrêt est en place ; après un délai d’inactivité ou d’authentification dépassé ; après AUTH, avant toute négociation TLS, quand le service n’est pas disponible (la RFC 2228 compte 421 parmi les réponses à AUTH) ; sur Pure-FTPd, quand TLS est obligatoire et que le client s’authentifie sans.',
    howToResolve: [
      'Lisez le texte : il dit en général quelle limite est atteinte (trop d’utilisateurs, trop de connexions depuis une même adresse, inactivité).',
      'Pour les limites de connexions : fermez les sessions oubliées ou relevez la limite (vsftpd max_clients / max_per_ip, Pure-FTPd -c / -C). ProFTPD ne répond pas 421 à ses limites : MaxClients et MaxClientsPerHost refusent l’authentification (530), et MaxInstances ferme les nouvelles connexions sans aucune réponse.',
      'Les clients qui ouvrent beaucoup de connexions en parallèle (FileZilla, outils de synchronisation) atteignent d’abord les limites par adresse ; réduisez leur nombre de connexions.',
      'C’est passager : la même tentative peut réussir plus tard.',
    ],
    contexts: [
      'Le serveur refuse les nouvelles sessions pour l’instant : limite de connexions (totale ou par adresse), bannissement ou arrêt.',
      'Le serveur répond lui-même à AUTH, avant toute négociation TLS : le service est indisponible pour l’instant (arrêt ou limite atteinte), et il ferme la connexion. Un échec de la négociation TLS, lui, vient après un 234.',
      'Le serveur refuse la session à l’authentification et ferme la connexion : une limite d’utilisateurs est atteinte, ou (Pure-FTPd) les connexions en clair sont refusées et AUTH TLS est obligatoire d’abord.',
      'Le serveur refuse la session après le mot de passe et ferme la connexion : le plus souvent, une limite d’utilisateurs ou de sessions par compte ou par adresse est atteinte.',
      'L’hôte virtuel existe mais est momentanément indisponible ; le serveur ferme la connexion.',
    ],
  },
  425: {
    title: 'Impossible d’ouvrir la connexion de données',
    description:
      'Le serveur n’a pas pu établir la connexion de données du transfert. Le plus souvent un pare-feu ou un NAT bloque le port de données : en mode passif, le client n’est jamais arrivé sur le port ; en mode actif, le serveur n’a pas pu se connecter au client. En FTPS, la connexion de données a pu arriver mais être refusée parce qu’elle ne reprenait pas la session TLS de la connexion de contrôle.',
    whenYouSeeIt:
      'Après LIST, NLST, MLSD, RETR ou STOR suivant PASV/EPSV/PORT/EPRT. En FTPS, FileZilla Server 1.x répond 425 « TLS session of data connection not resumed » quand le client ouvre une nouvelle session TLS sur la connexion de données. Certains serveurs utilisent aussi 425 pour refuser PASV en IPv6 (Pure-FTPd) ou une connexion de données venue d’une autre adresse (vsftpd « Security: Bad IP connecting. »).',
    howToResolve: [
      'Mode passif : ouvrez la plage de ports passifs du serveur dans chaque pare-feu et groupe de sécurité entre le client et le serveur, et configurez la même plage dans le serveur (vsftpd pasv_min_port/pasv_max_port, ProFTPD PassivePorts, Pure-FTPd -p).',
      'Mode passif derrière un NAT : faites annoncer au serveur son adresse publique (vsftpd pasv_address, ProFTPD MasqueradeAddress, Pure-FTPd -P), ou utilisez EPSV.',
      'Mode actif : le pare-feu ou le NAT du client bloque la connexion retour du serveur ; passez le client en mode passif.',
      'Un module de suivi de connexion (nf_conntrack_ftp) ne voit rien à l’intérieur de TLS ; en FTPS, ouvrez explicitement la plage de ports passifs.',
      'En FTPS, avec « TLS session … not resumed » dans le texte, ouvrir des ports ne sert à rien : utilisez un client qui reprend la session TLS de la connexion de contrôle sur les connexions de données (FileZilla et curl le font). FileZilla Server 1.x exige cette reprise dans toutes ses versions et n’a aucun réglage pour l’assouplir ; ProFTPD (qui répond aussi 425) l’assouplit avec TLSOptions NoSessionReuseRequired, au prix de la protection contre le vol de connexion de données.',
    ],
    contexts: [
      'La connexion de données n’a pas pu être établie : le port passif est bloqué ou l’adresse annoncée injoignable (en mode actif, le serveur n’a pas pu joindre le client) ; en FTPS, la session TLS n’a peut-être pas été reprise.',
      'PASV refusé : Pure-FTPd répond ainsi sur une connexion IPv6, où seul EPSV peut fonctionner ; sinon, aucun port passif n’a pu être ouvert.',
      'Le serveur n’a pas pu ouvrir de port passif (sa plage de ports passifs est peut-être épuisée ou inutilisable).',
    ],
  },
  426: {
    title: 'Connexion fermée ; transfert interrompu',
    description:
      'La connexion de données s’est ouverte et le transfert a commencé, mais il s’est interrompu avant la fin. Contrairement au 425, le chemin des données a d’abord fonctionné.',
    whenYouSeeIt:
      'Pendant un transfert, quand la connexion réseau a été coupée, que TLS a échoué en cours de route sur la connexion de données, qu’un pare-feu ou un NAT a coupé une connexion, ou que le client a interrompu (ABOR reçoit 426 pour le transfert, puis 226). Sur les longs transferts, le coupable habituel est la connexion de contrôle : rien n’y passe pendant que les données circulent, et un NAT ou un pare-feu qui oublie les connexions inactives la coupe.',
    howToResolve: [
      'Réessayez : c’est passager.',
      'Si les longs transferts échouent encore, gardez la connexion de contrôle en vie : activez le keepalive TCP côté client (curl l’envoie par défaut, --keepalive-time règle l’intervalle) ou allongez le délai d’inactivité du NAT ou du pare-feu sur le chemin (conntrack sous Linux : nf_conntrack_tcp_timeout_established).',
      'Si c’est le transfert lui-même qui cale, vérifiez le délai de blocage du serveur (vsftpd data_connection_timeout, ProFTPD TimeoutStalled).',
      'En FTPS, vérifiez que le client ferme la connexion de données par une fermeture TLS propre (close_notify) ; certains serveurs répondent 426 sinon.',
    ],
  },
  430: {
    title: 'Nom d’utilisateur ou mot de passe invalide (non standard)',
    description:
      'Quelques serveurs utilisent 430 pour un mauvais nom d’utilisateur ou mot de passe. Aucune RFC ne le définit ; les serveurs conformes répondent 530.',
    whenYouSeeIt: 'Après PASS, sur un petit nombre de serveurs.',
    howToResolve: ['Vérifiez le nom d’utilisateur et le mot de passe ; traitez-le comme un 530.'],
  },
  431: {
    title: 'Ressource indisponible pour traiter la sécurité',
    description:
      'Le serveur ne peut pas traiter la demande de sécurité pour l’instant, faute d’une ressource nécessaire (une clé, un certificat, un service).',
    whenYouSeeIt: 'Après AUTH ou PROT.',
    howToResolve: [
      'Réessayez plus tard : c’est passager.',
      'Côté serveur : vérifiez que le certificat et la clé TLS sont lisibles et valides, et que le module de sécurité est chargé.',
    ],
  },
  434: {
    title: 'Hôte demandé indisponible (non standard)',
    description:
      'Des implémentations de HOST antérieures à la norme répondaient 434 pour un hôte virtuel indisponible. La norme finale, la RFC 7151, utilise 421 ou 504.',
    whenYouSeeIt: 'Après HOST, sur des implémentations des premiers brouillons.',
    howToResolve: ['Comparez le nom envoyé avec HOST aux hôtes virtuels définis sur le serveur.'],
  },
  450: {
    title: 'Action sur le fichier non effectuée : fichier indisponible',
    description:
      'L’action n’a pas été faite parce que le fichier est momentanément indisponible, par exemple occupé ou verrouillé. Une nouvelle tentative plus tard peut réussir.',
    whenYouSeeIt:
      'Après RETR, STOR, DELE, RNFR, LIST ou NLST. L’ancien FileZilla Server 0.9.x répondait aussi 450 quand la connexion de données ne reprenait pas la session TLS de la connexion de contrôle (FileZilla Server 1.x répond 425 dans ce cas).',
    howToResolve: [
      'Réessayez quand le fichier n’est plus utilisé.',
      'FileZilla Server 0.9.x en FTPS : utilisez un client qui reprend la session TLS sur les connexions de données (FileZilla et curl le font) ; 0.9.x, contrairement à 1.x, peut aussi cesser de l’exiger (réglages FTP over TLS).',
    ],
    contexts: [
      'Le fichier ou le listing est momentanément indisponible ; en FTPS avec FileZilla Server 0.9.x, la connexion de données n’a pas repris la session TLS de la connexion de contrôle.',
    ],
  },
  451: {
    title: 'Action interrompue : erreur locale',
    description:
      'Le serveur a rencontré une erreur interne (disque, entrée/sortie …) et a interrompu l’action.',
    whenYouSeeIt: 'Pendant ou juste après STOR, RETR, APPE, LIST ou NLST ; parfois après OPTS.',
    howToResolve: [
      'Réessayez : c’est passager.',
      'Côté serveur : regardez le journal du serveur, l’espace disque libre, l’état du système de fichiers et les droits sur le répertoire cible.',
    ],
  },
  452: {
    title: 'Action non effectuée : espace de stockage insuffisant',
    description: 'Le serveur n’a pas assez d’espace de stockage pour accepter l’envoi pour le moment.',
    whenYouSeeIt: 'Après STOR, STOU ou APPE.',
    howToResolve: ['Libérez de l’espace disque sur le serveur ou envoyez ailleurs, puis réessayez.'],
  },
  500: {
    title: 'Erreur de syntaxe, commande non reconnue',
    description:
      'Le serveur n’a pas compris la commande : il ne la connaît pas, ou la ligne était tronquée, mal formée ou trop longue. Sur vsftpd, « 500 OOPS: … » est autre chose : une erreur fatale, après laquelle vsftpd ferme la session.',
    whenYouSeeIt:
      'Après une commande que le serveur n’implémente pas (EPSV, FEAT, AUTH, HOST sur des serveurs anciens ou minimalistes), après une commande déformée (un proxy, une confusion TLS), après un PORT/EPRT refusé (vsftpd « 500 Illegal PORT command. », « 500 Bad EPRT command. », et « 500 Bad EPRT protocol. » pour EPRT |2| sur un vsftpd uniquement IPv4 ; ProFTPD « 500 Illegal PORT command » pour une adresse qui n’est pas celle du client ou un port inférieur à 1024), et sous la forme « 500 OOPS: » de vsftpd en cas d’erreur de configuration ou de droits.',
    howToResolve: [
      'Pour une extension inconnue : utilisez l’alternative (PASV au lieu d’EPSV) ou mettez le serveur à jour.',
      'Pour « 500 OOPS: » : lisez la raison après OOPS ; elle nomme le réglage de vsftpd ou l’appel système qui a échoué. Corrigez-le dans vsftpd.conf ou sur le système, puis redémarrez vsftpd.',
      'Si toutes les commandes reçoivent 500, quelque chose entre le client et le serveur réécrit le trafic (un proxy ou un pare-feu qui comprend FTP), ou le client parle un protocole que le port n’attend pas.',
    ],
    contexts: [
      'Le serveur ne connaît pas EPSV/EPRT : il est antérieur à la RFC 2428 (1998), ou un proxy filtre la commande. Utilisez PASV/PORT, et mettez le serveur à jour pour l’IPv6 et le passage des NAT.',
      'Le serveur ne connaît pas AUTH : il n’a pas de TLS (ou il est désactivé) ; les identifiants passeront en clair.',
      'Le serveur n’implémente pas FEAT (RFC 2389) ; il ne peut pas lister ses extensions.',
      'Commande refusée ou inconnue ; sur une connexion IPv6, PASV et PORT ne peuvent pas fonctionner (ils transportent des adresses IPv4) : utilisez EPSV/EPRT.',
      'Le serveur a échoué dès le début de la session ; sur vsftpd, « 500 OOPS: <raison> » nomme le réglage ou l’appel système en cause.',
      'Adresse du mode actif refusée (vsftpd, ProFTPD : pas celle du client, la cause habituelle derrière un NAT, ou un port inférieur à 1024 ; vsftpd : mal formée), ou EPRT ou sa famille d’adresses inconnus (vsftpd « Bad EPRT protocol. »).',
    ],
  },
  501: {
    title: 'Erreur de syntaxe dans les paramètres',
    description: 'Le serveur connaît la commande mais rejette son argument, mal formé ou non autorisé.',
    whenYouSeeIt:
      'Après PORT/EPRT avec une mauvaise adresse, TYPE/MODE avec une mauvaise lettre, REST avec une mauvaise position, MLSD sur un fichier, FEAT avec des arguments. ProFTPD répond 501 à un EPSV interdit.',
    howToResolve: [
      'Vérifiez l’argument envoyé par le client ; avec PORT/EPRT, vérifiez qu’un équipement NAT ne le réécrit pas.',
      'Si le serveur interdit ainsi une commande par configuration (ProFTPD <Limit EPSV> DenyAll), autorisez-la dans la configuration ou laissez les clients utiliser l’alternative.',
    ],
    contexts: [
      'EPSV refusé : son argument était invalide, ou le serveur interdit EPSV par configuration (ProFTPD <Limit EPSV> DenyAll répond 501).',
      'L’argument est invalide, ou MLSD a reçu autre chose qu’un répertoire.',
      'L’adresse du mode actif a été rejetée comme mal formée (ProFTPD 1.3.8 : « 501 Illegal PORT command » ; vsftpd répond 500 à une adresse mal formée ou étrangère).',
      'Le nom d’hôte est mal formé (par exemple suivi d’un numéro de port).',
    ],
  },
  502: {
    title: 'Commande non implémentée',
    description: 'Le serveur reconnaît la commande mais ne l’implémente pas.',
    whenYouSeeIt:
      'Après une commande facultative (PASV, REST, SYST, STAT, HELP) ou une extension (FEAT, EPSV, AUTH, CCC) que le serveur ou sa configuration laisse de côté.',
    howToResolve: [
      'Utilisez une alternative : PASV quand EPSV manque, EPSV quand PASV manque, LIST quand MLSD manque.',
      'Pour obtenir la fonction, mettez à jour ou reconfigurez le serveur.',
    ],
    contexts: [
      'EPSV n’est pas implémenté ici ; les clients doivent se rabattre sur PASV (IPv4 seulement, et sensible au NAT).',
      'PASV n’est pas implémenté (ou il est désactivé) ; les clients doivent utiliser EPSV ou le mode actif.',
      'Le serveur n’a pas de TLS activé ; les identifiants passeront en clair.',
      'Le serveur n’implémente pas FEAT (RFC 2389) ; il ne peut pas lister ses extensions.',
    ],
  },
  503: {
    title: 'Mauvaise séquence de commandes',
    description:
      'La commande arrive au mauvais moment : une commande qui doit la précéder n’a pas été envoyée.',
    whenYouSeeIt:
      'PASS sans USER, RNTO sans RNFR, PBSZ/PROT avant AUTH TLS, PROT avant PBSZ, HOST après l’authentification.',
    howToResolve: [
      'Envoyez les commandes dans l’ordre (USER puis PASS ; AUTH TLS, puis PBSZ 0, puis PROT P) ; c’est le signe d’un bogue côté client.',
    ],
    contexts: [
      'La protection des données a été demandée avant la mise en place de TLS (envoyez d’abord AUTH TLS, puis PBSZ 0, puis PROT).',
      'PASS est arrivé sans USER accepté avant lui.',
      'RNTO est arrivé sans RNFR réussi avant lui.',
      'HOST doit venir avant l’authentification ; l’utilisateur est déjà authentifié.',
    ],
  },
  504: {
    title: 'Commande non implémentée pour ce paramètre',
    description: 'La commande existe, mais le serveur ne prend pas en charge la valeur donnée.',
    whenYouSeeIt:
      'TYPE/MODE/STRU avec une valeur non prise en charge, AUTH avec un mécanisme inconnu, PROT avec un niveau inconnu, HOST avec un hôte que le serveur ne sert pas, LANG avec une langue non prise en charge.',
    howToResolve: [
      'Utilisez une valeur que le serveur accepte (FEAT liste les mécanismes AUTH et les langues LANG).',
    ],
    contexts: [
      'Le serveur ne prend pas en charge ce mécanisme AUTH (pour TLS, essayez AUTH TLS plutôt qu’AUTH SSL, ou l’inverse).',
      'Le serveur ne connaît pas ce niveau de protection ; TLS n’utilise que C (clair) et P (privé).',
      'Aucun hôte virtuel de ce nom sur ce serveur.',
    ],
  },
  520: {
    title: 'ESTA/ESTP refusé (Pure-FTPd, non standard)',
    description:
      'Pure-FTPd utilise ce code non standard pour refuser ses commandes propres ESTA et ESTP, qui donnent l’adresse d’une connexion de données établie : ESTA ne marche qu’en mode actif, ESTP qu’en mode passif.',
    whenYouSeeIt:
      'Après ESTA ou ESTP sur Pure-FTPd, quand la session est dans l’autre mode de connexion de données. Les clients ordinaires n’envoient jamais ces commandes ; PORT, EPRT, PASV et EPSV ne reçoivent pas de 520.',
    howToResolve: [
      'N’envoyez ESTA qu’après PORT/EPRT et ESTP qu’après PASV/EPSV, ou laissez de côté ces commandes propres à Pure-FTPd.',
    ],
    contexts: [
      'ESTA demande le mode actif (PORT/EPRT) ; cette session est en mode passif (Pure-FTPd : « Active mode is disabled »).',
      'ESTP demande le mode passif (PASV/EPSV) ; cette session est en mode actif (Pure-FTPd : « Unable to open a passive connection »).',
    ],
  },
  521: {
    title: 'Connexion de données impossible avec ce réglage PROT',
    description:
      'Le serveur refuse le transfert parce que la connexion de données ne serait pas protégée comme il l’exige : il impose PROT P (TLS sur les connexions de données). Avec LPRT/LPSV, le même code signifie plutôt que la famille d’adresses n’est pas prise en charge.',
    whenYouSeeIt:
      'Après LIST, NLST, MLSD, RETR ou STOR sur un serveur FTPS qui exige des données chiffrées, quand le client n’a pas envoyé PROT P (Pure-FTPd, FileZilla Server).',
    howToResolve: [
      'Client : envoyez PBSZ 0 et PROT P après AUTH TLS (dans FileZilla, choisissez « Exiger une connexion FTP explicite sur TLS » ; curl le fait avec --ssl-reqd).',
      'Serveur : seulement si des données en clair sont acceptables, cessez d’exiger des connexions de données protégées.',
    ],
    contexts: [
      'Le serveur exige une connexion de données chiffrée : envoyez PBSZ 0 et PROT P avant de transférer.',
      'La famille d’adresses n’est pas prise en charge ; le texte donne les familles que le serveur connaît.',
    ],
  },
  522: {
    title: 'Protocole réseau non pris en charge / échec TLS sur la connexion de données',
    description:
      'Soit le serveur ne prend pas en charge le protocole réseau demandé (après EPRT/EPSV), soit TLS a échoué sur la connexion de données (pendant un transfert). La commande à laquelle il répond fait la différence : après EPRT ou EPSV <proto>, la famille d’adresses (IPv4/IPv6) n’est pas prise en charge ; pendant un transfert, la négociation TLS de la connexion de données a échoué ou a été refusée, souvent parce que le client n’a pas repris la session TLS de la connexion de contrôle.',
    whenYouSeeIt:
      'Après EPSV 2 ou EPRT |2|… sur un serveur uniquement IPv4 (ProFTPD répond 522 aux deux ; vsftpd répond 522 à EPSV 2 mais « 500 Bad EPRT protocol. » à EPRT |2|). En FTPS, sur une commande de transfert : à la place du 150 quand le serveur exige PROT P et que le client ne l’a pas envoyé (vsftpd force_local_data_ssl, ProFTPD TLSRequired) ; après le 150 quand la négociation TLS de la connexion de données échoue, par exemple sur vsftpd avec require_ssl_reuse=YES et un client qui ouvre une nouvelle session TLS (« 522 SSL connection failed: session reuse required »).',
    howToResolve: [
      'Après EPRT/EPSV : utilisez la famille d’adresses que le serveur donne entre parenthèses, par exemple « (1) » = IPv4 seulement, « (1,2) » = les deux.',
      'Pendant un transfert : utilisez un client qui reprend la session TLS sur les connexions de données (FileZilla et curl le font), envoyez PROT P si le serveur exige des données chiffrées, ou, sur vsftpd, mettez require_ssl_reuse=NO (cela affaiblit la protection contre le détournement des connexions de données).',
    ],
    contexts: [
      'Le serveur ne prend pas en charge le protocole réseau demandé (IPv4/IPv6) ; les nombres entre parenthèses sont les familles qu’il accepte (1 = IPv4, 2 = IPv6).',
      'TLS a été refusé ou a échoué sur la connexion de données : sans PROT P là où il est exigé, 522 remplace le 150 ; quand la négociation TLS de la connexion de données échoue (session non reprise, vsftpd require_ssl_reuse), il suit le 150.',
    ],
  },
  530: {
    title: 'Non connecté',
    description:
      'L’authentification est refusée, ou la commande demande un utilisateur connecté. Les serveurs l’utilisent aussi pour dire que TLS est obligatoire avant de s’authentifier.',
    whenYouSeeIt:
      'Après PASS avec un mauvais mot de passe ; après USER quand l’utilisateur n’est pas autorisé (anonyme désactivé, liste d’utilisateurs, TLS obligatoire d’abord : vsftpd force_local_logins_ssl, FileZilla Server) ; après une commande sur les fichiers envoyée avant l’authentification ; sur ProFTPD quand une limite de clients est atteinte.',
    howToResolve: [
      'Lisez le texte : « Login incorrect. » = mauvais nom d’utilisateur ou mot de passe ; « must use encryption » / « TLS required » = connectez-vous d’abord en FTPS explicite (AUTH TLS).',
      'Vérifiez le nom d’utilisateur et le mot de passe, et que le compte a le droit d’utiliser FTP (vsftpd userlist_file et /etc/ftpusers, un shell valide dans /etc/shells pour les comptes locaux, ProFTPD <Limit LOGIN>).',
      'Pour une connexion anonyme : le serveur peut ne pas l’autoriser (vsftpd anonymous_enable=NO) ; utilisez un vrai compte.',
      'Pour une commande avant l’authentification : authentifiez-vous d’abord.',
    ],
    contexts: [
      'Le nom d’utilisateur est refusé avant même le mot de passe : cet utilisateur (ou le compte anonyme) n’a pas le droit de se connecter, ou le serveur exige TLS d’abord (envoyez AUTH TLS).',
      'Connexion refusée : mauvais nom d’utilisateur ou mot de passe, compte sans droit FTP, ou limite du serveur atteinte.',
      'Cette commande demande une session authentifiée ; authentifiez-vous d’abord.',
    ],
  },
  532: {
    title: 'Compte nécessaire pour enregistrer des fichiers',
    description:
      'Sur ce serveur, l’envoi de fichiers demande un compte (ACCT) en plus de l’authentification.',
    whenYouSeeIt: 'Après STOR, STOU, APPE ou RNTO.',
    howToResolve: ['Envoyez ACCT avec votre nom de compte avant l’envoi (ftp-doctor : --account).'],
  },
  533: {
    title: 'Niveau de protection de la commande refusé par la politique',
    description:
      'Le serveur refuse la commande à son niveau de protection actuel ; pour CCC, cela signifie que la connexion de contrôle n’est pas protégée par TLS au départ.',
    whenYouSeeIt:
      'Après CCC sans TLS, ou après des commandes en clair sur les serveurs qui exigent des commandes protégées en intégrité.',
    howToResolve: ['Protégez d’abord la connexion de contrôle avec AUTH TLS, ou n’envoyez pas CCC.'],
    contexts: ['CCC refusé : la connexion de contrôle n’est pas protégée par TLS, il n’y a rien à lever.'],
  },
  534: {
    title: 'Demande refusée par la politique de sécurité',
    description:
      'La politique de sécurité du serveur n’autorise pas la demande. Selon la commande, il refuse un mécanisme de sécurité, un niveau de protection, l’abandon de TLS ou une connexion sans TLS.',
    whenYouSeeIt:
      'Après USER sur IIS quand sa politique SSL exige TLS (« Policy requires SSL. ») ; après AUTH TLS sur IIS sans certificat ; après PROT C sur les serveurs qui exigent des données chiffrées ; après CCC.',
    howToResolve: [
      'Client : connectez-vous en FTPS explicite (AUTH TLS, puis PBSZ 0 et PROT P) — avec curl, --ssl-reqd ; dans FileZilla, « Exiger une connexion FTP explicite sur TLS ».',
      'IIS : la politique SSL FTP du site exige TLS ; pour autoriser le FTP en clair, réglez la politique SSL sur « Autoriser les connexions SSL » ; pour permettre TLS, associez un certificat serveur au site FTP.',
    ],
    contexts: [
      'La connexion sans TLS est refusée par la politique (IIS : « Policy requires SSL. ») : envoyez d’abord AUTH TLS.',
      'Le serveur refuse ce mécanisme de sécurité ; sur IIS, « Local policy on server does not allow TLS » signifie qu’aucun certificat n’est configuré.',
      'Ce niveau de protection des données n’est pas autorisé ; les serveurs qui exigent des données chiffrées refusent PROT C.',
      'Le serveur refuse de retirer TLS de la connexion de contrôle.',
      'Le niveau de protection des données ne respecte pas la politique du serveur ; envoyez PROT P.',
    ],
  },
  535: {
    title: 'Échec d’un contrôle de sécurité',
    description:
      'Un contrôle de sécurité a échoué : une somme de contrôle, un numéro de séquence ou le décodage de données protégées n’a pas été validé.',
    whenYouSeeIt:
      'Après ADAT, MIC, CONF ou ENC, ou sur un transfert dont la protection du canal de données a échoué.',
    howToResolve: [
      'Réessayez ; si cela persiste, vérifiez la mise en place du mécanisme de sécurité (clés, tickets) des deux côtés.',
    ],
  },
  536: {
    title: 'Niveau PROT non pris en charge par le mécanisme',
    description:
      'Le mécanisme de sécurité utilisé ne peut pas fournir le niveau de protection des données demandé ; avec TLS, seuls C (clair) et P (privé) existent.',
    whenYouSeeIt: 'Après PROT S ou PROT E dans une session TLS.',
    howToResolve: ['Utilisez PROT P (chiffré) ou PROT C (clair) avec TLS.'],
  },
  537: {
    title: 'Niveau de protection des commandes non pris en charge par le mécanisme',
    description: 'Le mécanisme de sécurité utilisé ne peut pas protéger les commandes au niveau demandé.',
    whenYouSeeIt: 'Après MIC, CONF ou ENC.',
    howToResolve: [
      'Utilisez un niveau de protection des commandes que le mécanisme accepte ; les clients TLS n’envoient jamais ces commandes.',
    ],
  },
  550: {
    title: 'Action non effectuée : fichier indisponible',
    description:
      'L’action a échoué parce que le fichier ou le répertoire n’existe pas ou que l’utilisateur n’y a pas accès. Certains serveurs l’utilisent plus largement pour « permission refusée ».',
    whenYouSeeIt:
      'Après RETR, CWD, DELE, MKD, RMD, RNFR, SIZE, MDTM, MLSD sur un chemin absent ou interdit. Aussi : ProFTPD répond 550 à USER/PASS quand TLS est obligatoire (TLSRequired), et vsftpd répond 550 à PASV/EPSV quand le mode passif est désactivé (pasv_enable=NO) ou que la commande figure dans cmds_denied.',
    howToResolve: [
      'Vérifiez le chemin (la casse compte sur les serveurs Unix) et que l’utilisateur peut le lire ou l’écrire.',
      'Côté serveur : vérifiez le propriétaire et les droits du fichier et de ses répertoires, ainsi que les réglages de chroot.',
      'Si USER reçoit 550 sur ProFTPD : TLS est obligatoire ; connectez-vous en FTPS explicite.',
    ],
    contexts: [
      'Connexion refusée avant de commencer : ProFTPD dit « SSL/TLS required on the control channel » quand TLSRequired est actif (envoyez d’abord AUTH TLS).',
      'Mode passif refusé par la configuration (vsftpd répond ainsi avec pasv_enable=NO, ou quand cmds_denied contient la commande).',
      'Fichier absent, ou sa taille, sa date ou ses informations ne sont pas accessibles à cet utilisateur (ProFTPD refuse SIZE en mode ASCII).',
      'Le répertoire n’existe pas ou l’utilisateur n’a pas le droit d’y entrer.',
    ],
  },
  551: {
    title: 'Action interrompue : type de page inconnu',
    description:
      'L’envoi a été interrompu parce que le type de page est inconnu ; cela ne concerne que les fichiers structurés en pages (STRU P), que plus personne n’utilise.',
    whenYouSeeIt: 'Après STOR, STOU ou APPE avec STRU P.',
    howToResolve: ['Utilisez la structure de fichier par défaut (STRU F).'],
  },
  552: {
    title: 'Action sur le fichier interrompue : quota dépassé',
    description: 'L’envoi a été interrompu parce que le quota de l’utilisateur ou du répertoire est épuisé.',
    whenYouSeeIt: 'Après STOR, STOU ou APPE.',
    howToResolve: ['Supprimez des fichiers ou demandez à l’administrateur du serveur d’augmenter le quota.'],
  },
  553: {
    title: 'Action non effectuée : nom de fichier non autorisé',
    description:
      'Le serveur refuse le nom de fichier : il contient des caractères interdits, pointe hors de la zone autorisée, ou l’utilisateur n’a pas le droit d’y créer des fichiers.',
    whenYouSeeIt:
      'Après STOR, STOU, APPE ou RNTO. Un MKD refusé reçoit 550 (la RFC 959 ne prévoit pas 553 pour MKD).',
    howToResolve: [
      'Utilisez un nom plus simple (sans séparateur de chemin, sans point initial sur les serveurs qui cachent les fichiers commençant par un point).',
      'Vérifiez que l’utilisateur peut écrire dans le répertoire cible (vsftpd write_enable=YES ; l’envoi anonyme demande anon_upload_enable=YES et un répertoire accessible en écriture).',
    ],
  },
  554: {
    title: 'Action non effectuée : paramètre REST invalide',
    description:
      'Le serveur ne peut pas reprendre le transfert à la position demandée par le REST précédent, en général parce qu’elle dépasse la fin du fichier. La RFC 1123 désigne cette réponse pour ce cas ; ProFTPD, par exemple, l’envoie.',
    whenYouSeeIt: 'Après RETR, STOR ou APPE suivant un REST dont la position est impossible dans le fichier.',
    howToResolve: [
      'Relancez le transfert depuis le début, ou avec une position comprise dans la taille actuelle du fichier.',
    ],
  },
  555: {
    title: 'Action non effectuée : TYPE ou STRU incompatible (non standard)',
    description:
      'Certains serveurs répondent 555 quand TYPE ou STRU ne convient pas à l’action demandée. Il ne figure pas dans la liste des réponses de la RFC 959 ; les listes de codes FTP le donnent à côté de 554, pour les reprises.',
    whenYouSeeIt: 'Après REST, RETR ou STOR sur quelques serveurs.',
    howToResolve: ['Passez en TYPE I (binaire) avant de reprendre un transfert, et gardez STRU F.'],
  },
  631: {
    title: 'Réponse protégée en intégrité',
    description:
      'La vraie réponse est encapsulée en base64 et protégée en intégrité par le mécanisme de sécurité de la RFC 2228 ; le client la décode pour lire la réponse qu’elle contient.',
    whenYouSeeIt: 'Après des commandes envoyées par MIC dans une session GSSAPI/Kerberos. Jamais en TLS.',
    howToResolve: [RIEN],
  },
  632: {
    title: 'Réponse protégée en confidentialité et en intégrité',
    description:
      'La vraie réponse est encapsulée en base64 et protégée à la fois en confidentialité et en intégrité par le mécanisme de sécurité de la RFC 2228.',
    whenYouSeeIt: 'Après des commandes envoyées par ENC dans une session GSSAPI/Kerberos. Jamais en TLS.',
    howToResolve: [RIEN],
  },
  633: {
    title: 'Réponse protégée en confidentialité',
    description:
      'La vraie réponse est encapsulée en base64 et protégée en confidentialité par le mécanisme de sécurité de la RFC 2228.',
    whenYouSeeIt: 'Après des commandes envoyées par CONF dans une session GSSAPI/Kerberos. Jamais en TLS.',
    howToResolve: [RIEN],
  },
};
