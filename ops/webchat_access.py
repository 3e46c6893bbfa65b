"""Accessibility fixes to rasa-webchat 1.0.1's bundle, applied by ops/serve_web.py as it loads the bundle.

Each fix replaces one exact piece of the minified bundle and must match exactly as often as expected; if
rasa-webchat changes, the server refuses to start (BundleError) instead of serving a half-fixed widget. Why
patch the bundle rather than the page: a quick reply has to be a real <button> (Tab, Enter and Space for free),
and only the widget's own render code can make one, since React re-creates its elements on every update. The
fixes are small enough to read here, where a patch-package diff of the one-line-per-module bundle would not be.
"""

from typing import NamedTuple


class Fix(NamedTuple):
    why: str
    old: bytes
    new: bytes
    count: int = 1


FIXES: tuple[Fix, ...] = (
    Fix(
        "quick replies are <div>s that neither Tab nor Enter/Space reach: make them real buttons",
        b'o.a.createElement("div",{key:t,className:"rw-reply",onClick:function(t){t.stopPropagation(),r.handleClick(e)}',
        b'o.a.createElement("button",{type:"button",key:t,className:"rw-reply",'
        b"onClick:function(t){t.stopPropagation(),r.handleClick(e)}",
    ),
    Fix(
        "carousel buttons are <div role=button> that Enter/Space do not press: make them real buttons",
        b'o.a.createElement("div",{key:t,className:"rw-reply",onClick:function(){return n(e)},role:"button",tabIndex:0',
        b'o.a.createElement("button",{type:"button",key:t,className:"rw-reply",onClick:function(){return n(e)}',
    ),
    Fix(
        "the transcript: a log live region, so new messages are announced, and reachable by keyboard to scroll",
        b'createElement("div",{id:"rw-messages",style:{backgroundColor:a},className:"rw-messages-container"}',
        b'createElement("div",{id:"rw-messages",style:{backgroundColor:a},className:"rw-messages-container",'
        b'role:"log","aria-live":"polite","aria-label":"Conversation",tabIndex:0}',
    ),
    Fix(
        "the send button holds only an icon: give it a name",
        b'createElement("button",{type:"submit",className:"rw-send",',
        b'createElement("button",{type:"submit",className:"rw-send","aria-label":"Send",',
    ),
    Fix(
        "the text box has only a placeholder: name it with the same words",
        b'className:"rw-new-message",name:"message",placeholder:n,',
        b'className:"rw-new-message",name:"message",placeholder:n,"aria-label":n,',
    ),
    Fix(
        "the launcher holds only an image with empty alt: name it, and say whether the chat is open",
        b'createElement("button",{type:"button",style:{backgroundColor:v},className:j.join(" "),onClick:t}',
        b'createElement("button",{type:"button",style:{backgroundColor:v},className:j.join(" "),onClick:t,'
        b'"aria-label":n?"Close the chat":"Open the chat","aria-expanded":!!n}',
    ),
)


class FixDoesNotApply(ValueError):
    pass


def apply_fixes(bundle: bytes, fixes: tuple[Fix, ...] = FIXES) -> bytes:
    for fix in fixes:
        found = bundle.count(fix.old)
        if found != fix.count:
            raise FixDoesNotApply(
                f"rasa-webchat's bundle changed: the accessibility fix “{fix.why}” expects its code "
                f"{fix.count} time(s) but found it {found} time(s); update ops/webchat_access.py"
            )
        bundle = bundle.replace(fix.old, fix.new)
    return bundle
