// Contact block: name, headline, phones in many formats (kept as written), e-mail, web and
// social profiles, location with or without a label.
#include <aligncv/resume.hpp>

#include "resume/scan.hpp"

#include <gtest/gtest.h>

#include <string>

namespace aligncv::resume {
namespace {

const taxonomy::Taxonomy& tiny_taxonomy() {
  static const taxonomy::Taxonomy t = taxonomy::Taxonomy::from_tsv(
      "name\tforms\nPython\tPython\n", "title\tforms\nSoftware Engineer\tSoftware Engineer\n");
  return t;
}

ParseResult parse_text(const std::string& text) {
  text::Document d;
  d.text = text;
  return parse(d, tiny_taxonomy(), {"2024-06"});
}

std::string phone_in(std::string_view s) {
  auto p = detail::find_phone(s);
  return p ? std::string(p->of(s)) : std::string();
}

TEST(ResumeContact, PhonesInManyFormatsAreKeptAsWritten) {
  EXPECT_EQ(phone_in("Tel: +1 (555) 010-3662"), "+1 (555) 010-3662");
  EXPECT_EQ(phone_in("555.010.5849"), "555.010.5849");
  EXPECT_EQ(phone_in("call +44 20 7946 0487 now"), "+44 20 7946 0487");
  EXPECT_EQ(phone_in("+1 555-010-4964 • Paris"), "+1 555-010-4964");
  EXPECT_EQ(phone_in("(555) 010-0806"), "(555) 010-0806");
  EXPECT_EQ(phone_in("555-010-0115"), "555-010-0115");
  EXPECT_EQ(phone_in("+49 30 1234567"), "+49 30 1234567");
  EXPECT_EQ(phone_in("030/12345678"), "030/12345678");
  EXPECT_EQ(phone_in("+33 6 12 34 56 78"), "+33 6 12 34 56 78");
  EXPECT_EQ(phone_in("+91 98765 43210"), "+91 98765 43210");
  EXPECT_EQ(phone_in("+4915112345678"), "+4915112345678");
}

TEST(ResumeContact, DatesAndShortNumbersAreNotPhones) {
  EXPECT_EQ(phone_in("03/2018 - 11/2019"), "");
  EXPECT_EQ(phone_in("2015 - 2018"), "");
  EXPECT_EQ(phone_in("2019-01 to 2020-06"), "");
  EXPECT_EQ(phone_in("Cut costs by 40 000 USD"), "");
  EXPECT_EQ(phone_in("version 1.2.3"), "");
}

TEST(ResumeContact, EmailsAndUrls) {
  auto e = detail::find_email("Email: jane.doe+cv@mail.example.co.uk.");
  ASSERT_TRUE(e);
  EXPECT_EQ(e->of("Email: jane.doe+cv@mail.example.co.uk."), "jane.doe+cv@mail.example.co.uk");
  EXPECT_FALSE(detail::find_email("no at sign here"));
  EXPECT_FALSE(detail::find_email("@handle"));
  std::string s = "see https://janedoe.dev/blog, github.com/janedoe and www.example.org";
  auto urls = detail::find_urls(s);
  ASSERT_EQ(urls.size(), 3u);
  EXPECT_EQ(urls[0].of(s), "https://janedoe.dev/blog");
  EXPECT_EQ(urls[1].of(s), "github.com/janedoe");
  EXPECT_EQ(urls[2].of(s), "www.example.org");
  EXPECT_TRUE(detail::find_urls("Node.js, ASP.NET and Vue.js").empty());
}

TEST(ResumeContact, OneLineContactBlockWithSeparators) {
  auto r = parse_text(
      "Allan Parkes\nWeb Engineer\nallan-parkes@gmail.com • (555) 010-0806 • Radostice\n");
  const Basics& b = r.profile.basics;
  EXPECT_EQ(b.name, "Allan Parkes");
  EXPECT_EQ(b.label, "Web Engineer");
  EXPECT_EQ(b.email, "allan-parkes@gmail.com");
  EXPECT_EQ(b.phone, "(555) 010-0806");
  EXPECT_EQ(b.location.city, "Radostice");
  EXPECT_EQ(r.profile.evidence.at("/basics/name"), 1);
  EXPECT_EQ(r.profile.evidence.at("/basics/label"), 2);
  EXPECT_EQ(r.profile.evidence.at("/basics/phone"), 3);
}

TEST(ResumeContact, LabelledLines) {
  auto r = parse_text(
      "Aleena Abdul Thomas\nSoftware Researcher\nE-mail: aleena@example.com\nMobile: 555.010.5849\n"
      "Location: Cranston\n");
  const Basics& b = r.profile.basics;
  EXPECT_EQ(b.name, "Aleena Abdul Thomas");
  EXPECT_EQ(b.label, "Software Researcher");
  EXPECT_EQ(b.email, "aleena@example.com");
  EXPECT_EQ(b.phone, "555.010.5849");
  EXPECT_EQ(b.location.city, "Cranston");
  EXPECT_EQ(r.profile.evidence.at("/basics/location/city"), 5);
}

TEST(ResumeContact, LabelAloneWithTheValueOnTheNextLine) {
  auto r = parse_text("Jane Doe\nEmail:\njane@example.com\nTel\n+1 (555) 010-3662\n");
  EXPECT_EQ(r.profile.basics.email, "jane@example.com");
  EXPECT_EQ(r.profile.basics.phone, "+1 (555) 010-3662");
  EXPECT_EQ(r.profile.evidence.at("/basics/email"), 3);
}

TEST(ResumeContact, AccentsCyrillicAndSingleWordNames) {
  EXPECT_EQ(parse_text("Hervé Vermandé\nh@example.com\n").profile.basics.name, "Hervé Vermandé");
  EXPECT_EQ(parse_text("Ирина Петрова\nirina@example.com\n").profile.basics.name, "Ирина Петрова");
  EXPECT_EQ(parse_text("Conrad\nconrad@example.com\n").profile.basics.name, "Conrad");
  EXPECT_EQ(parse_text("Ludwig van Beethoven\nl@example.com\n").profile.basics.name,
            "Ludwig van Beethoven");
  EXPECT_EQ(parse_text("JANE DOE, PhD\nj@example.com\n").profile.basics.name, "JANE DOE");
}

TEST(ResumeContact, ResumeTitleLineIsNotTheName) {
  auto r = parse_text("Curriculum Vitae\nMaria Garcia\nmaria@example.com\n");
  EXPECT_EQ(r.profile.basics.name, "Maria Garcia");
}

TEST(ResumeContact, StreetAddressGivesCityAndRegion) {
  auto r = parse_text(
      "JOHN A. SMITH\n123 Main Street, Springfield, IL 62701 | (217) 555-0142 | "
      "john@example.com\n");
  EXPECT_EQ(r.profile.basics.name, "JOHN A. SMITH");
  EXPECT_FALSE(r.profile.basics.label);
  EXPECT_EQ(r.profile.basics.location.city, "Springfield");
  EXPECT_EQ(r.profile.basics.location.region, "IL");
  EXPECT_EQ(r.profile.basics.phone, "(217) 555-0142");
}

TEST(ResumeContact, DocumentTitleAndAddressLinesAreNotNameOrHeadline) {
  auto r = parse_text(
      "Lebenslauf\n\nMax Mustermann\nMusterstraße 1, 10115 Berlin\nTelefon: +49 30 12345678\n"
      "E-Mail: max@example.de\n");
  EXPECT_EQ(r.profile.basics.name, "Max Mustermann");
  EXPECT_FALSE(r.profile.basics.label);
  EXPECT_EQ(r.profile.basics.location.city, "Berlin");
  EXPECT_EQ(r.profile.basics.phone, "+49 30 12345678");
}

TEST(ResumeContact, WebsiteOnTheSameDomainAsTheEmail) {
  auto r = parse_text("Oliver Bennett\nLondon, UK · oliver@bennett.design · bennett.design\n");
  EXPECT_EQ(r.profile.basics.url, "https://bennett.design");
  EXPECT_EQ(r.profile.basics.location.city, "London");
  EXPECT_EQ(r.profile.basics.location.countryCode, "GB");
}

TEST(ResumeContact, NameAndHeadlineOnOneLine) {
  auto r = parse_text("Jane Doe | Senior Software Engineer\njane@example.com\n");
  EXPECT_EQ(r.profile.basics.name, "Jane Doe");
  EXPECT_EQ(r.profile.basics.label, "Senior Software Engineer");
}

TEST(ResumeContact, ProfilesAndWebsite) {
  auto r = parse_text(
      "Jane Doe\njane@example.com\nlinkedin.com/in/jane-doe | https://github.com/janedoe | "
      "https://janedoe.dev\n");
  const Basics& b = r.profile.basics;
  ASSERT_EQ(b.profiles.size(), 2u);
  EXPECT_EQ(b.profiles[0].network, "LinkedIn");
  EXPECT_EQ(b.profiles[0].username, "jane-doe");
  EXPECT_EQ(b.profiles[0].url, "https://linkedin.com/in/jane-doe");
  EXPECT_EQ(b.profiles[1].network, "GitHub");
  EXPECT_EQ(b.profiles[1].username, "janedoe");
  EXPECT_EQ(b.url, "https://janedoe.dev");
  EXPECT_EQ(r.profile.evidence.at("/basics/profiles/1/url"), 3);
  EXPECT_TRUE(r.entities.count("URL"));
}

TEST(ResumeContact, ProfileFromALabelAndFromDocumentLinks) {
  text::Document d;
  d.text = "Jane Doe\njane@example.com\nGitHub: janedoe\n";
  d.links = {"https://www.linkedin.com/in/janedoe/"};
  auto r = parse(d, tiny_taxonomy());
  ASSERT_EQ(r.profile.basics.profiles.size(), 2u);
  EXPECT_EQ(r.profile.basics.profiles[0].network, "GitHub");
  EXPECT_EQ(r.profile.basics.profiles[0].url, "https://github.com/janedoe");
  EXPECT_EQ(r.profile.basics.profiles[1].network, "LinkedIn");
  EXPECT_EQ(r.profile.basics.profiles[1].username, "janedoe");
}

TEST(ResumeContact, LocationWithRegionAndCountry) {
  auto us = parse_text("Jane Doe\njane@example.com | Austin, TX\n");
  EXPECT_EQ(us.profile.basics.location.city, "Austin");
  EXPECT_EQ(us.profile.basics.location.region, "TX");
  auto de = parse_text("Jane Doe\nLocation: Berlin, Germany\njane@example.com\n");
  EXPECT_EQ(de.profile.basics.location.city, "Berlin");
  EXPECT_EQ(de.profile.basics.location.countryCode, "DE");
  EXPECT_EQ(de.entities["GPE"], (std::vector<std::string>{"Berlin"}));
}

TEST(ResumeContact, EntitiesForContactFields) {
  auto r = parse_text("Jane Doe\njane@example.com • +49 30 1234567 • Berlin\n");
  EXPECT_EQ(r.entities["PERSON"], (std::vector<std::string>{"Jane Doe"}));
  EXPECT_EQ(r.entities["EMAIL"], (std::vector<std::string>{"jane@example.com"}));
  EXPECT_EQ(r.entities["PHONE"], (std::vector<std::string>{"+49 30 1234567"}));
}

}  // namespace
}  // namespace aligncv::resume
