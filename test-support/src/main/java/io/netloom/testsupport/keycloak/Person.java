package io.netloom.testsupport.keycloak;

/** A user of a test realm: who signs in, with what password, and what the ID token will say about them. */
public record Person(String username, String password, String email, String firstName, String lastName) {

    public String name() {
        return firstName + " " + lastName;
    }

    @Override
    public String toString() {
        return "Person[" + username + "]";
    }
}
