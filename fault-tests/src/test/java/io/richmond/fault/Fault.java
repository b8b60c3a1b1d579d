package io.richmond.fault;

/** Something that goes wrong while Richmond is under load, and how it is put right. */
interface Fault {

    /** Breaks something; the load keeps running. */
    void inject() throws Exception;

    /** Puts right whatever {@link #inject} got to, even if it failed halfway, and waits until it is back. */
    void recover() throws Exception;
}
