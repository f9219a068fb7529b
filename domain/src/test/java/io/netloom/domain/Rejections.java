package io.netloom.domain;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netloom.domain.common.CommandRejectedException;
import io.netloom.domain.common.RejectionReason;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.hamcrest.Description;
import org.hamcrest.Matcher;
import org.hamcrest.TypeSafeMatcher;

/** Checks the reason of a rejection too, since the API derives its HTTP status from it. */
public final class Rejections {

    private Rejections() {
    }

    /** For fixtures: {@code .expectException(reason(PRECONDITION_FAILED))}. */
    public static Matcher<CommandRejectedException> reason(RejectionReason reason) {
        return new TypeSafeMatcher<>() {
            @Override
            protected boolean matchesSafely(CommandRejectedException rejection) {
                return rejection.reason() == reason;
            }

            @Override
            public void describeTo(Description description) {
                description.appendText("a rejection for reason " + reason);
            }
        };
    }

    /** For plain value-type tests. */
    public static void assertInvalid(ThrowingCallable call, String message) {
        assertThatThrownBy(call)
                .isInstanceOf(CommandRejectedException.class)
                .hasMessage(message)
                .extracting(thrown -> ((CommandRejectedException) thrown).reason())
                .isEqualTo(RejectionReason.INVALID_ARGUMENT);
    }
}
