package io.vigie.anonymizer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import org.junit.jupiter.api.Test;

class ProfileLoaderTest {

    @Test
    void readsEveryPartOfAProfile() {
        DeidentificationProfile profile = parse("""
                name: trial
                options: [retain-longitudinal-modified-dates, RETAIN_SAFE_PRIVATE, CLEAN_DESCRIPTORS]
                safe-private:
                  - {creator: "GEMS_PARM_01", tag: "(0043,xx39)"}
                clean-pixel:
                  - {manufacturer: ACME, model: "Sono 5", rows: 480, columns: 640,
                     regions: [{x: 0, y: 0, width: 640, height: 40}]}
                descriptor-words: [BIPHASIQUE]
                """);
        assertThat(profile.name()).isEqualTo("trial");
        assertThat(profile.options()).containsExactlyInAnyOrder(ProfileOption.RETAIN_LONGITUDINAL_MODIFIED_DATES,
                ProfileOption.RETAIN_SAFE_PRIVATE, ProfileOption.CLEAN_DESCRIPTORS);
        assertThat(profile.safePrivateAttributes()).containsExactly(
                new SafePrivateAttribute("GEMS_PARM_01", 0x0043, 0x39));
        assertThat(profile.cleanPixelRules()).hasSize(1);
        assertThat(profile.cleanPixelRules().get(0).regions()).containsExactly(
                new CleanPixelRule.Region(0, 0, 640, 40));
        assertThat(profile.descriptorWords()).containsExactly("BIPHASIQUE");
    }

    @Test
    void namesTheFileAndTheProblemOfABadProfile() {
        assertThatThrownBy(() -> parse("name: x\noptions: [RETAIN_EVERYTHING]\n"))
                .hasMessageStartingWith("test.yml: unknown option 'RETAIN_EVERYTHING'");
        assertThatThrownBy(() -> parse("name: x\noption: [CLEAN_DESCRIPTORS]\n"))
                .hasMessageContaining("unknown key 'option'");
        assertThatThrownBy(() -> parse("options: [CLEAN_DESCRIPTORS]\n")).hasMessageContaining("name");
        assertThatThrownBy(() -> parse("name: x\noptions: [RETAIN_LONGITUDINAL_FULL_DATES, "
                + "RETAIN_LONGITUDINAL_MODIFIED_DATES]\n")).hasMessageContaining("exclude each other");
        assertThatThrownBy(() -> parse("name: x\noptions: [RETAIN_SAFE_PRIVATE]\n"))
                .hasMessageContaining("lists no attribute");
        assertThatThrownBy(() -> parse("name: x\nsafe-private: [{creator: A, tag: '(0010,xx10)'}]\n"
                + "options: [RETAIN_SAFE_PRIVATE]\n")).hasMessageContaining("not a private tag");
        assertThatThrownBy(() -> parse("name: x\nclean-pixel: [{manufacturer: A, rows: 10, columns: 10, "
                + "regions: [{x: 5, y: 0, width: 10, height: 2}]}]\n")).hasMessageContaining("not inside");
        assertThatThrownBy(() -> parse("name: x\ndescriptor-words: [PATIENT12345]\n"))
                .hasMessageContaining("more than three digits");
        assertThatThrownBy(() -> parse("name: [unclosed\n")).hasMessageContaining("not valid YAML");
    }

    private static DeidentificationProfile parse(String yaml) {
        return ProfileLoader.parse(new StringReader(yaml), "test.yml");
    }
}
