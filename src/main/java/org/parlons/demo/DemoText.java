package org.parlons.demo;

/**
 * The words of the demo: French names and the questions a telecom operator really gets.
 */
final class DemoText {

	private DemoText() {
	}

	record Topic(String subject, String question, String answer, String followUp, String label) {
	}

	static final String[] FIRST = { "Camille", "Léa", "Manon", "Chloé", "Inès", "Sarah", "Emma", "Louise", "Jade",
			"Lucas", "Hugo", "Nathan", "Louis", "Gabriel", "Arthur", "Jules", "Adam", "Raphaël", "Nicolas", "Nadia",
			"Youssef", "Mehdi", "Fatou", "Aïcha", "Pierre", "Sylvie", "Bernard", "Monique", "Hélène", "Olivier" };

	static final String[] LAST = { "Martin", "Bernard", "Dubois", "Thomas", "Robert", "Richard", "Petit", "Durand",
			"Leroy", "Moreau", "Simon", "Laurent", "Lefebvre", "Michel", "Garcia", "David", "Bertrand", "Roux",
			"Vincent", "Fournier", "Morel", "Girard", "André", "Mercier", "Dupont", "Lambert", "Bonnet", "François",
			"Martinez", "Diallo" };

	static final Topic[] TOPICS = { new Topic("Plus d'internet",
			"Bonjour, depuis ce matin ma box ne synchronise plus, voyant rouge. " + "Je télétravaille, c'est urgent !",
			"Bonjour, un incident est en cours dans votre secteur. "
					+ "Le rétablissement est prévu dans la journée. Nous vous tenons informé.",
			"Toujours rien ce soir… vous pouvez m'envoyer un technicien ?", "panne"),
			new Topic("Facture trop élevée",
					"Bonjour, ma facture de mars est de 89 € au lieu de 39,99 €. "
							+ "Je ne comprends pas les frais hors forfait.",
					"Bonjour, il s'agit d'appels vers l'étranger " + "du 12 mars. Je vous envoie le détail par e-mail.",
					"Je n'ai jamais appelé l'étranger, je conteste ces frais.", "facturation"),
			new Topic("Résiliation", "Je souhaite résilier mon abonnement fibre suite à un déménagement à l'étranger.",
					"Bonjour, c'est noté. Pouvez-vous nous transmettre un justificatif de déménagement ?",
					"Voici le justificatif en pièce jointe, merci.", "resiliation"),
			new Topic("Portabilité du numéro",
					"Bonjour, je veux garder mon numéro en arrivant chez vous, " + "comment obtenir mon RIO ?",
					"Bonjour, composez le 3179 depuis votre mobile actuel : " + "le RIO vous est donné immédiatement.",
					"Merci, c'est fait, la portabilité est en cours.", "portabilite"),
			new Topic("Forfait à l'étranger", "Mon forfait marche-t-il au Maroc ? Je pars la semaine prochaine.",
					"Bonjour, le Maroc n'est pas inclus ; l'option Voyage Monde à 10 € donne 5 Go.",
					"D'accord, comment j'active l'option ?", "roaming"),
			new Topic("Frais contestés",
					"Vous me prélevez 29 € de frais de résiliation injustifiés. Si rien n'est fait je saisis l'UFC-Que Choisir.",
					"Bonjour, je transmets votre dossier au service facturation, qui vous répond sous 48 h.",
					"Je veux parler à un responsable, cela fait trois fois que j'écris.", "litige"),
			new Topic("Déménagement", "Nous déménageons le 1er du mois, peut-on transférer la box sans coupure ?",
					"Bonjour, oui : le transfert est gratuit, prévoyez 48 h de coupure au maximum.",
					"48 h c'est long, il n'y a pas d'autre solution ?", "demenagement") };

	/** Public questions to the brand's Mastodon account and the public answer. */
	static final String[][] MASTODON = {
			{ "est-ce que vos box gèrent l'IPv6 ? Je ne trouve rien dans la doc.",
					"Oui : l'IPv6 est actif par défaut sur toutes nos box fibre, rien à configurer." },
			{ "une panne fibre à Rennes centre ce soir ?",
					"Aucun incident connu à Rennes pour l'instant : écrivez-nous en privé avec votre numéro de ligne, "
							+ "nous regardons." },
			{ "vous publiez enfin les débits réels par commune ? Merci pour la transparence.",
					"Merci ! La carte est mise à jour chaque mois sur teleo.fr/couverture." },
			{ "le nouveau décodeur consomme combien en veille ?",
					"Moins d'un watt en veille profonde ; l'option se règle dans Réglages > Énergie." },
			{ "votre appli plante au lancement depuis la mise à jour.",
					"Désolés ! Une correction part aujourd'hui ; en attendant, la version web fonctionne." } };

	/** Web chat questions and the agent's answer. */
	static final String[][] CHATS = { { "Bonjour, le voyant de ma box est orange, c'est grave ?",
			"Bonjour ! Orange signifie que la box redémarre : attendez 5 minutes. S'il reste orange, dites-le-moi ici." },
			{ "Est-ce que la fibre est disponible au 12 rue des Lilas à Nantes ?",
					"Bonjour, oui : votre adresse est éligible à la fibre 1 Gb/s, l'installation peut se faire sous 10 jours." },
			{ "Comment je change mon RIB pour le prélèvement ?",
					"Bonjour, dans l'application : Mon compte > Paiement > Modifier le RIB. Le changement vaut dès la prochaine facture." },
			{ "Je n'arrive pas à me connecter à mon espace client",
					"Bonjour, je vous envoie un lien de réinitialisation par SMS. Il est valable 30 minutes." },
			{ "Vous avez des offres pour les étudiants ?",
					"Bonjour ! Oui, le forfait Campus à 9,99 € par mois avec 100 Go, sur justificatif." } };

	/** What the public says of Téléo on an ordinary day. */
	static final String[] PUBLIC_DAILY = { "Installation de la fibre Téléo faite ce matin, technicien au top 👍",
			"Quelqu'un sait si l'option Voyage Monde de Téléo marche au Maroc ?",
			"Le débit Téléo est correct mais le service client met du temps à répondre.",
			"Nouvelle box Téléo reçue, installation en 10 minutes, merci !",
			"Encore une facture Téléo plus élevée que prévu, je ne comprends pas les frais.",
			"Portabilité vers Téléo faite sans coupure, bravo.",
			"Téléo, pourquoi mon prélèvement est passé deux fois ce mois-ci ?" };

	/** The outage in Lyon, as people post it within two hours. */
	static final String[] PUBLIC_BURST = { "Panne Téléo à Lyon, plus rien depuis ce matin, c'est inadmissible !",
			"Toujours pas d'internet à Lyon avec Téléo, on est en télétravail, c'est une honte",
			"@Teleo panne générale sur Lyon 7e ? Aucune information, service client injoignable",
			"Lyon : la fibre Téléo est coupée depuis deux heures, vraiment nul",
			"Panne Téléo Lyon, les enfants n'ont pas pu faire leurs devoirs, scandaleux",
			"Je vais résilier Téléo, troisième panne à Lyon ce mois-ci, inacceptable" };

	/**
	 * The local part of an address for a name, letters transliterated as people write
	 * them: "Hélène.Bonnet" is "helene.bonnet", "Maël" "mael", "Œdipe" "oedipe".
	 */
	static String address(String name) {
		String plain = java.text.Normalizer
			.normalize(
					name.replace("œ", "oe").replace("Œ", "Oe").replace("æ", "ae").replace("Æ", "Ae").replace("ß", "ss"),
					java.text.Normalizer.Form.NFD)
			.replaceAll("\\p{M}", "");
		return plain.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9.]", "");
	}

}
