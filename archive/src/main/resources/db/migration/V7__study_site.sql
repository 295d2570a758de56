-- Which site (hospital) each study came from: the site of the peer that sent it, or the default site for STOW-RS and
-- unknown peers. Radiologists see their own site's studies only, researchers those of consenting sites, so every
-- study needs one. Studies indexed before V7 were all received by the default site (one site per database until
-- then): they get it here, through the default_site placeholder (vigie.deidentification.site-id).
alter table study add column site text not null default '${default_site}';
create index study_site_idx on study (site);
