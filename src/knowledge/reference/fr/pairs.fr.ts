import type { PairText } from '../translation.js';

/** The curated comparisons in French, keyed 'low-high'; same facts and sources as the English notes. */
export const PAIRS_FR: Readonly<Record<string, PairText>> = {
  '220-229': {
    summary:
      '220 est l’accueil qui annonce que le serveur attend une authentification ; 229 est la réponse à EPSV qui donne le port d’une connexion de données. Ils ne se ressemblent que parce que tous deux commencent par 22.',
    keyDifferences: [
      'Moment : 220 arrive une fois, juste après la connexion (ou après REIN/HOST) ; 229 n’arrive qu’après un EPSV du client, en général une fois par transfert.',
      'Contenu : 220 porte du texte libre (la bannière, souvent le nom et la version du serveur) ; 229 porte un numéro de port sous la forme (|||port|).',
      'Suite : après 220, le client s’authentifie (USER/PASS) ; après 229, il ouvre une connexion de données vers ce port, sur l’adresse du serveur.',
      'En cas de problème : un 220 absent signifie que le serveur (ou ce qui est devant lui) n’accueille pas ; un 229 dont le port est injoignable signifie qu’un pare-feu bloque la plage de ports passifs.',
    ],
    whenToUseWhich: [
      'Sur un 220 : authentifiez-vous. S’il n’arrive jamais, regardez ce qui répond sur le port : un pare-feu ou un répartiteur de charge qui accepte puis se tait, ou un port en TLS implicite (990) qui attend une négociation TLS.',
      'Sur un 229 : connectez-vous au port indiqué, sur l’adresse de la connexion de contrôle. En cas d’échec, ouvrez la plage de ports passifs du serveur dans chaque pare-feu sur le chemin.',
    ],
  },
  '227-229': {
    summary:
      '227 (PASV) et 229 (EPSV) ouvrent tous deux un port de données passif, mais 227 donne aussi une adresse IPv4, souvent fausse derrière un NAT, alors que 229 ne donne que le port et signifie « même adresse que la connexion de contrôle ».',
    keyDifferences: [
      'Commande : 227 répond à PASV (RFC 959) ; 229 répond à EPSV (RFC 2428).',
      'Contenu : 227 donne h1,h2,h3,h4,p1,p2 (adresse IPv4 et port p1×256+p2) ; 229 ne donne que le port, sous la forme (|||port|).',
      'NAT : un serveur derrière un NAT peut mettre son adresse privée dans 227, et les clients qui la suivent échouent ; 229 ne peut pas porter de mauvaise adresse.',
      'IPv6 : 227 ne peut pas décrire une adresse IPv6 ; en IPv6, seul EPSV/229 fonctionne.',
      'Clients : curl essaie EPSV d’abord ; FileZilla et le module ftplib de Python utilisent PASV en IPv4 — les deux doivent donc marcher pour tous les utilisateurs.',
      'Même remède pour un port bloqué : ouvrir la plage de ports passifs dans le pare-feu, quelle que soit la réponse qui l’a annoncé.',
    ],
    whenToUseWhich: [
      'Côté client : envoyez EPSV d’abord et ne revenez à PASV que si EPSV est refusé, comme le fait curl ; en IPv6, EPSV uniquement.',
      'Côté serveur : faites fonctionner les deux. Configurez l’adresse publique annoncée par 227 (vsftpd pasv_address, ProFTPD MasqueradeAddress, Pure-FTPd -P) et ouvrez la plage de ports passifs pour les deux.',
    ],
  },
  '227-228': {
    summary:
      '227 répond à PASV avec une adresse IPv4 et un port ; 228 répond à LPSV, la commande passive « longue » de la RFC 1639, avec une famille d’adresses, puis l’adresse et le port précédés de leur longueur. LPSV était une expérience qu’EPSV (229) a remplacée dans les faits.',
    keyDifferences: [
      'Commande : 227 répond à PASV (RFC 959) ; 228 répond à LPSV (RFC 1639, une RFC expérimentale).',
      'Contenu : 227 donne six nombres, h1,h2,h3,h4,p1,p2 (IPv4 seulement) ; 228 donne la famille d’adresses, la longueur et les octets de l’adresse, puis ceux du port, et peut donc porter de l’IPv6.',
      'Prise en charge : tous les serveurs répondent à PASV ; peu connaissent LPSV, et les clients ne l’envoient presque jamais.',
    ],
    whenToUseWhich: [
      'Pour le mode passif en IPv4, utilisez PASV (227), ou mieux EPSV (229).',
      'Ne comptez pas sur LPSV (228) : pour l’IPv6 ou le NAT, utilisez EPSV (229), que tous les serveurs actuels connaissent.',
    ],
  },
  '228-229': {
    summary:
      '228 (LPSV) et 229 (EPSV) décrivent tous deux un port passif d’une façon qui dépasse l’IPv4 ; 228 donne l’adresse complète, 229 seulement le port. EPSV (RFC 2428) est ce qu’utilisent serveurs et clients ; LPSV (RFC 1639) est resté une expérience.',
    keyDifferences: [
      'Commande : 228 répond à LPSV (RFC 1639) ; 229 répond à EPSV (RFC 2428).',
      'Contenu : 228 donne famille, adresse et port en listes d’octets précédées de leur longueur ; 229 ne donne que le port, (|||port|), à utiliser sur l’adresse de la connexion de contrôle.',
      'NAT : une adresse dans 228 peut être fausse derrière un NAT, comme avec PASV ; 229 ne porte pas d’adresse, il ne peut donc pas se tromper.',
      'Prise en charge : EPSV est implémenté par vsftpd, ProFTPD, Pure-FTPd, FileZilla Server et IIS ; LPSV par peu de serveurs.',
    ],
    whenToUseWhich: [
      'Utilisez EPSV (229) pour l’IPv6 et à travers un NAT ; considérez LPSV (228) comme historique.',
    ],
  },
  '425-426': {
    summary:
      '425 signifie que la connexion de données ne s’est jamais établie ; 426 qu’elle s’est établie puis s’est coupée au milieu du transfert.',
    keyDifferences: [
      'Moment : 425 arrive à la place du 150 ou juste après — aucune donnée n’est passée ; 426 arrive alors que les données avaient commencé à circuler.',
      'Cause habituelle du 425 : le port passif est bloqué par un pare-feu, l’adresse PASV est fausse (NAT), en mode actif le serveur ne peut pas joindre le client, ou en FTPS la connexion de données n’a pas repris la session TLS de la connexion de contrôle.',
      'Cause habituelle du 426 : la connexion réseau a été coupée, un pare-feu ou un NAT a coupé la connexion de contrôle inactive pendant un long transfert, le client a interrompu (ABOR), ou TLS a été mal fermé sur la connexion de données.',
    ],
    whenToUseWhich: [
      'Après un 425 : rétablissez l’accès — ouvrez la plage de ports passifs, configurez l’adresse publique, ou (FTPS, « not resumed ») utilisez un client qui reprend la session TLS sur les connexions de données.',
      'Après un 426 : réessayez ; si les longs transferts échouent encore, gardez la connexion de contrôle en vie (keepalive TCP côté client) ou allongez les délais d’inactivité du NAT ou du pare-feu, puis regardez le délai de blocage du serveur.',
    ],
  },
  '425-450': {
    summary:
      '425 dit que la connexion de données n’a pas pu s’ouvrir ; 450 que l’action n’a pas été faite parce que le fichier est momentanément indisponible (occupé ou verrouillé). Les deux sont temporaires (4yz), mais l’un concerne le réseau, l’autre le fichier.',
    keyDifferences: [
      'Domaine : 425 appartient au groupe des connexions (x2z) ; 450 au groupe du système de fichiers (x5z).',
      'Cause du 425 : un port de données bloqué ou injoignable, une mauvaise adresse PASV, ou (FTPS) une connexion de données qui n’a pas repris la session TLS.',
      'Cause du 450 : le fichier est utilisé, verrouillé ou momentanément inaccessible sur le serveur ; le réseau a fonctionné.',
      'FileZilla Server : la version 0.9.x répondait 450 à une connexion de données qui ne reprenait pas la session TLS ; la version 1.x répond 425.',
    ],
    whenToUseWhich: [
      'Après un 425 : testez le port de données et corrigez le pare-feu, l’adresse NAT ou la reprise de session TLS.',
      'Après un 450 : attendez que le fichier soit libre et réessayez ; rien n’est à changer dans le réseau.',
    ],
  },
  '426-450': {
    summary:
      '426 dit qu’un transfert a commencé puis a été coupé ; 450 que l’action n’a même pas commencé parce que le fichier est momentanément indisponible. Les deux sont temporaires (4yz).',
    keyDifferences: [
      'Moment : 426 arrive après un 150/125, une fois que des données ont circulé ; 450 arrive en général à la place du 150, avant toute donnée.',
      'Domaine : 426 appartient au groupe des connexions (x2z) : la connexion de données ou de contrôle s’est rompue ; 450 au groupe du système de fichiers (x5z) : le fichier est occupé ou verrouillé.',
    ],
    whenToUseWhich: [
      'Après un 426 : réessayez ; si les longs transferts se coupent encore, regardez le keepalive et les délais d’inactivité entre le client et le serveur.',
      'Après un 450 : réessayez quand le fichier n’est plus utilisé.',
    ],
  },
  '421-530': {
    summary:
      '421 signifie que le serveur ferme la connexion pour l’instant (une limite, un délai, un arrêt) : réessayer plus tard peut marcher ; 530 que l’authentification est refusée (ou exigée), et cela reste ainsi tant que les identifiants ou les réglages du serveur ne changent pas.',
    keyDifferences: [
      'Classe : 421 est temporaire (4yz) : réessayez plus tard ; 530 est définitif (5yz) : la même connexion échouera de nouveau.',
      'Connexion : après 421, le serveur ferme la connexion de contrôle ; après 530, elle reste en général ouverte pour un nouvel essai.',
      'Causes typiques du 421 : trop d’utilisateurs ou trop de connexions depuis une même adresse (vsftpd, Pure-FTPd), délai d’inactivité ou d’authentification, arrêt du serveur, négociation TLS ratée ; Pure-FTPd l’utilise aussi quand TLS est obligatoire.',
      'Causes typiques du 530 : mauvais nom d’utilisateur ou mot de passe, utilisateur sans droit FTP, anonyme désactivé, TLS exigé avant l’authentification (vsftpd, FileZilla Server), ou commande envoyée avant de s’authentifier.',
      'Exception : ProFTPD signale ses limites de clients (MaxClients, MaxClientsPerHost) par un 530, pas un 421, et ferme sans aucune réponse les connexions au-delà de MaxInstances — lisez le texte.',
    ],
    whenToUseWhich: [
      'Après un 421 : attendez et réessayez, ou libérez une place (fermez les sessions oubliées, relevez vsftpd max_clients/max_per_ip ou Pure-FTPd -c/-C) ; le texte nomme la limite.',
      'Après un 530 : ne réessayez pas tel quel. Corrigez le nom d’utilisateur ou le mot de passe, autorisez le compte, ou connectez-vous en FTPS explicite si le texte parle de chiffrement.',
    ],
  },
  '530-534': {
    summary:
      '530 dit « non connecté » (mauvais identifiants, utilisateur refusé, ou authentification exigée), 534 « refusé par la politique de sécurité » — sur IIS, typiquement, que TLS est exigé avant USER. Selon le serveur, les deux peuvent vouloir dire « utilisez FTPS ».',
    keyDifferences: [
      'Groupe : 530 appartient à l’authentification et à la comptabilité (RFC 959) ; 534 vient des extensions de sécurité (RFC 2228) et refuse ce que la politique de sécurité du serveur n’autorise pas.',
      'TLS obligatoire : vsftpd et FileZilla Server répondent 530 (« … must use encryption », « … use FTP over TLS »), IIS répond 534 (« Policy requires SSL. »), ProFTPD 550 et Pure-FTPd 421.',
      'Autres usages de 534 : refuser un mécanisme AUTH, un niveau PROT (comme PROT C quand les données doivent être chiffrées), ou CCC.',
    ],
    whenToUseWhich: [
      'Après un 530 : vérifiez le nom d’utilisateur, le mot de passe et le droit du compte à utiliser FTP ; si le texte parle de chiffrement ou de TLS, connectez-vous en FTPS explicite.',
      'Après un 534 : connectez-vous en FTPS explicite (AUTH TLS, PBSZ 0, PROT P), ou assouplissez la politique TLS du serveur si le clair est acceptable.',
    ],
  },
  '530-532': {
    summary:
      '530 dit que la session n’est pas authentifiée (connexion refusée, ou commande envoyée avant l’authentification) ; 532 que la connexion a réussi mais que l’enregistrement de fichiers demande en plus un compte (ACCT).',
    keyDifferences: [
      'Moment : 530 répond à USER, PASS ou à toute commande envoyée avant l’authentification ; 532 répond à STOR, STOU, APPE ou RNTO dans une session authentifiée.',
      'Ce qui manque : après 530, une authentification valide ; après 532, seulement la commande ACCT avec un nom de compte.',
      'Où : 530 existe sur tous les serveurs ; 532 seulement sur les rares serveurs (souvent des mainframes) qui facturent les envois à des comptes.',
    ],
    whenToUseWhich: [
      'Après un 530 : corrigez le nom d’utilisateur ou le mot de passe (ou le droit FTP du compte), puis reconnectez-vous.',
      'Après un 532 : envoyez ACCT avec le nom de compte fourni par votre administrateur (ftp-doctor : --account), puis recommencez l’envoi.',
    ],
  },
  '331-332': {
    summary:
      '331 et 332 veulent tous deux dire « l’authentification n’est pas finie » : 331 demande le mot de passe (PASS), 332 un nom de compte (ACCT).',
    keyDifferences: [
      'Commande suivante : après 331, envoyez PASS ; après 332, envoyez ACCT.',
      'Moment : 331 répond à USER, sur presque tous les serveurs (souvent même pour un utilisateur inconnu) ; 332 répond à USER ou PASS sur les serveurs qui exigent un compte pour terminer la connexion.',
      'Fréquence : 331 fait partie de toute connexion ordinaire ; 332 est rare hors des mainframes.',
    ],
    whenToUseWhich: [
      'Après un 331 : envoyez le mot de passe avec PASS.',
      'Après un 332 : envoyez ACCT avec le nom de compte (ftp-doctor : --account) ; un client qui ne sait pas envoyer ACCT ne peut pas s’y connecter.',
    ],
  },
  '120-421': {
    summary:
      '120 et 421 peuvent tous deux arriver à la place de l’accueil. 120 dit « pas encore prêt, un 220 suivra dans N minutes » et garde la connexion ; 421 refuse la session et ferme la connexion.',
    keyDifferences: [
      'Classe : 120 est une réponse positive préliminaire (1yz) — une autre réponse suit ; 421 une réponse négative temporaire (4yz) — cette session est terminée.',
      'Connexion : après 120, la connexion reste ouverte et le client attend ; après 421, le serveur la ferme.',
      'Causes : 120 vient d’un serveur en cours de démarrage ou de maintenance ; 421 d’une limite de connexions, d’un bannissement, d’un délai dépassé ou d’un arrêt.',
    ],
    whenToUseWhich: [
      'Après un 120 : gardez la connexion ouverte et attendez le 220 (donnez au client un délai d’attente de l’accueil assez long).',
      'Après un 421 : reconnectez-vous plus tard, ou supprimez la cause que le texte nomme (par exemple une limite de connexions).',
    ],
  },
  '226-250': {
    summary:
      '226 et 250 annoncent tous deux un succès. 226 dit que le transfert est fini et que le serveur ferme la connexion de données ; 250 qu’une action sur un fichier (CWD, DELE, RNTO, MLST …) est faite, et certains serveurs terminent aussi un transfert par 250.',
    keyDifferences: [
      'Connexion de données : 226 dit que le serveur la ferme (il termine RETR, STOR, LIST, NLST, MLSD, et ABOR). La plupart des 250 répondent à des commandes sans connexion de données (CWD, DELE, RNTO) ; quand 250 termine un RETR ou un STOR en mode flux, la connexion de données a aussi été fermée, puisqu’en mode flux c’est sa fermeture qui marque la fin du fichier.',
      'Commandes : 226 répond aux transferts et à ABOR ; 250 répond à CWD, CDUP, DELE, RMD, RNTO et MLST, et la RFC 959 l’autorise aussi à la fin de RETR ou STOR.',
      'Domaine : 226 appartient au groupe des connexions (x2z) ; 250 au groupe du système de fichiers (x5z).',
    ],
    whenToUseWhich: [
      'Rien à corriger dans les deux cas. Un script qui vérifie la réussite d’un transfert doit accepter 226 comme 250.',
      'Un 226 qui n’arrive pas après un transfert (blocage alors que les données sont arrivées) désigne la connexion de contrôle : souvent un NAT ou un pare-feu l’a coupée pendant qu’elle était inactive.',
    ],
  },
  '500-502': {
    summary:
      '500 dit que le serveur n’a pas compris la commande (inconnue, tronquée, mal formée ou trop longue) ; 502 qu’il la connaît mais ne l’implémente pas. Les deux sont définitifs : répéter la commande échouera encore.',
    keyDifferences: [
      'Sens : 500 est « erreur de syntaxe, commande non reconnue » ; 502 « commande non implémentée ».',
      'En pratique : beaucoup de serveurs répondent 500 à toute commande qu’ils n’ont pas (Pure-FTPd dit « 500 Unknown command », même pour EPSV désactivé par -b) ; 502 désigne en général une commande connue mais absente ou désactivée.',
      'vsftpd : « 500 OOPS: … » ne concerne pas la commande mais une erreur fatale du serveur, après laquelle vsftpd ferme la session.',
    ],
    whenToUseWhich: [
      'Après un 500 : vérifiez l’orthographe de la commande et qu’aucun proxy ne la déforme ; pour une extension absente, utilisez l’alternative (PASV au lieu d’EPSV). Sur vsftpd, « 500 OOPS: » nomme le réglage ou l’appel système à corriger.',
      'Après un 502 : utilisez la commande alternative, ou activez la commande sur le serveur.',
    ],
  },
  '550-553': {
    summary:
      '550 signifie que le fichier ou le répertoire est indisponible (absent ou inaccessible) ; 553 que le nom de fichier lui-même n’est pas autorisé, typiquement pour un envoi ou la cible d’un renommage.',
    keyDifferences: [
      'Commandes : 550 répond à RETR, CWD, DELE, MKD, RMD, SIZE, MDTM, MLSD et d’autres sur un chemin absent ou interdit ; 553 répond à STOR, STOU, APPE et RNTO.',
      'Cause : 550 concerne l’objet (introuvable, permission refusée, ou sur vsftpd une commande désactivée dans la configuration) ; 553 concerne le nom (caractères interdits, hors de la zone autorisée, ou pas le droit d’y créer des fichiers).',
      'MKD : un répertoire impossible à créer reçoit 550, pas 553 (RFC 959 §5.4).',
    ],
    whenToUseWhich: [
      'Après un 550 : vérifiez le chemin (la casse compte sur les serveurs Unix) et les droits dessus.',
      'Après un 553 : essayez un nom plus simple et vérifiez le droit d’écriture sur le répertoire cible.',
    ],
  },
  '125-150': {
    summary:
      '125 et 150 disent tous deux « le transfert commence » ; 150 signifie que le serveur va ouvrir ou accepter la connexion de données, 125 qu’elle était déjà ouverte. Les deux sont normaux et suivis d’un 226 (ou d’une erreur).',
    keyDifferences: [
      '150 : la connexion de données n’est pas encore établie ; le serveur va l’ouvrir (actif) ou l’accepter (passif).',
      '125 : la connexion de données était déjà établie, parce que le client s’est connecté au port passif avant d’envoyer la commande ; le transfert y démarre aussitôt.',
      'Lequel vous voyez dépend du serveur et du moment où le client se connecte (IIS dit souvent 125, les serveurs Unix 150) ; aucun des deux n’est un problème.',
    ],
    whenToUseWhich: [
      'Rien à faire dans les deux cas : attendez la réponse finale.',
      'Si un transfert reste bloqué après 150, la connexion de données est bloquée : testez le port de données. Après 125, elle s’était déjà établie : cherchez plutôt une coupure ultérieure.',
    ],
  },
};
