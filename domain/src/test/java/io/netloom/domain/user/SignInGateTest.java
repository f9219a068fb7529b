package io.netloom.domain.user;

import static org.assertj.core.api.Assertions.assertThat;

import io.netloom.domain.account.JwtGroupsSettings;
import java.util.List;
import org.junit.jupiter.api.Test;

class SignInGateTest {

    private static final JwtGroupsSettings ONLY_STAFF = new JwtGroupsSettings(true, "groups", List.of("Staff"));

    @Test
    void refusalWhenPersonInAllowedGroupThenAdmitted() {
        assertThat(SignInGate.refusal(ONLY_STAFF, Role.USER, false, GroupsClaim.of(List.of("Interns", "Staff"))))
                .isEmpty();
    }

    @Test
    void refusalWhenPersonOutsideAllowedGroupsThenRefused() {
        assertThat(SignInGate.refusal(ONLY_STAFF, Role.ADMIN, false, GroupsClaim.of(List.of("Interns"))))
                .contains(SignInGate.REFUSAL);
    }

    @Test
    void refusalWhenClaimIgnoredThenRefused() {
        assertThat(SignInGate.refusal(ONLY_STAFF, Role.USER, false, GroupsClaim.of(List.of("Staff", "\u0007"))))
                .contains(SignInGate.REFUSAL);
    }

    @Test
    void refusalWhenOwnerOutsideAllowedGroupsThenAdmitted() {
        assertThat(SignInGate.refusal(ONLY_STAFF, Role.OWNER, false, GroupsClaim.of(List.of()))).isEmpty();
    }

    @Test
    void refusalWhenPersonalAccessTokenThenAdmitted() {
        assertThat(SignInGate.refusal(ONLY_STAFF, Role.USER, true, GroupsClaim.of(null))).isEmpty();
    }

    @Test
    void refusalWhenJwtGroupsDisabledThenAllowListNotApplied() {
        JwtGroupsSettings off = new JwtGroupsSettings(false, "groups", List.of("Staff"));
        assertThat(SignInGate.refusal(off, Role.USER, false, GroupsClaim.of(List.of()))).isEmpty();
    }

    @Test
    void refusalWhenNoAllowGroupsThenEveryoneAdmitted() {
        JwtGroupsSettings open = new JwtGroupsSettings(true, "groups", List.of());
        assertThat(SignInGate.refusal(open, Role.USER, false, GroupsClaim.of(List.of()))).isEmpty();
    }
}
