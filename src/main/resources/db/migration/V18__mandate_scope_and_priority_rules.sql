-- Mandates beyond gestures: the languages and channels an agent answers in (empty: any), and the topics
-- they leave to someone else in public. Names are kept space-separated, in order.
alter table agent add column mandate_languages varchar(200);
alter table agent add column mandate_channels varchar(500);
alter table agent add column mandate_withheld varchar(1000);

-- The topics a mandate may withhold, by name, with the words and phrases that reveal them (French and
-- English); administrators change them.
create table mandate_topic (
    name       varchar(40) primary key,
    phrases    varchar(4000) not null,
    updated_at timestamp with time zone not null
);

insert into mandate_topic (name, phrases, updated_at) values
('legal', 'avocat
avocats
tribunal
procès
proces
plainte
porter plainte
justice
juridique
mise en demeure
contentieux
huissier
lawyer
attorney
lawsuit
sue
court
legal action
litigation', current_timestamp),
('security', 'faille
piratage
piraté
pirate
fuite de données
cyberattaque
vulnérabilité
compte compromis
breach
hacked
hack
data leak
vulnerability
cyberattack', current_timestamp),
('press', 'journaliste
journalistes
presse
média
médias
reportage
interview
journalist
press
media
reporter', current_timestamp);

-- Rules may set a priority (and route or not): "public complaint → urgent", "customer value ≥ 10,000 →
-- high". A rule without a target only sets the priority; a routing rule without a priority raises to high.
alter table escalation_rule add column priority varchar(10);
alter table escalation_rule add column attribute varchar(100);
