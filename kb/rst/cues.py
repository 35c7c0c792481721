"""Words that tell, in prose, a symptom from a procedure and a cause from a fix.

Troubleshooting documents written without field headings still say what
they mean: a heading that is a complaint or a question ("Why are my nodes
stuck ...", "Deployments fail with ..."), a sentence that names a cause
("This can be caused by", "due to") or a remedy ("To resolve this issue",
"We suggest"). These are plain English phrases of the genre, not phrases of
particular documents: every list is generic troubleshooting vocabulary.
"""

import functools
import re
import string

from .dispatch import FirstCharDispatch

# A title that states something going wrong (or asks why it does).
_SYMPTOM = re.compile(
    # ("Failure Modes", "Failure scenarios", "Failure domains": failure qualifying a topic names it)
    r"\b(fail|fails|failed|failing|failures?(?! (modes?|scenarios?|domains?|handling|recovery|detection|"
    r"tolerance|injection|testing|simulation|policy|policies)\b)|"
    # ("Error Recovery", "Error handling": the same, a remedy or a mechanism, no error met)
    r"errors?(?! (recovery|handling)\b)|exceptions?|cannot|can'?t|can ?not|couldn'?t|"
    r"could not|unable|not able to|(not|never) be able to|excessive\w*|"
    r"doesn'?t|does not|don'?t|do not|didn'?t|did not|won'?t|isn'?t|is not|aren'?t|are not|"
    r"notready|"  # Kubernetes' condition name: "Nodes are in NotReady state"
    r"not (working|to work|found|running|up|supported|owned|syncd|synced|operating|responding|acceptable|"
    r"enabled|configured|installed|mounted|loaded|registered|created|ready|"
    r"available|reachable|started|upgraded|updated|changed|a block device)|stuck|hangs?|hung|"
    # "Bad write performance", "Poor throughput": a quality gone bad
    r"(bad|poor|degraded|low) ([\w-]+ )?(performance|throughput|speed|bandwidth)|"
    r"crash\w*|slow\w*|intermittent\w*|latency|time ?outs?|timed out|times out|lost|loss|missing|invalid|"
    r"disappear\w*|broken|corrupt\w*|denied|refused|refus(es|ing)|leak\w*|spikes?|unreliable|inconsistent|"
    r"unexpected\w*|incorrect\w*|wrong|mismatch\w*|duplicated?|conflicts?|violation|problems?|"
    r"issues?|bugs?|trouble|degraded|down|unavailable|unresponsive|weird|limitations?|exhaust\w*|"
    r"no longer|ignored|ignores|drops|"
    # "Firewall blocking overlay networks", "Egress traffic blocked": something stops the traffic
    r"blocked|blocking (\w+ )?(traffic|connections?|access|ports?|networks?|requests?|packets?)|"
    # "some nodes can get throttled by the API": a rate limit met
    r"(get|gets|got|getting|be|being|been|is|are|was|were) throttled|"
    # "your PVCs will never reach the Bound state", "the pod never becomes Ready": a goal not met
    r"never (reach|become|start|complete|finish|succeed|work|get|come|return|respond|bind|mount)\w*|"
    # "`helm list` shows only some (or none) of my releases": expected output missing
    r"(shows?|lists?|returns?|displays?|contains?) (only (some|part|a few)|nothing|none|no \w+|an? empty)|"
    r"dropped|dropping|to drop|downtime|outages?|disruptions?|"
    r"inability|unreachable|non-?existent|"
    r"out of memory|oom|panic\w*|killed|deadlock\w*|locked|reject\w*|bogus|halt(s|ed)|abort(s|ed)|"
    # "Cleaning halted with ProtectedDeviceError": an exception's class names the failure
    r"(?-i:[A-Za-z]\w*[a-z0-9](Error|Exception|Fault))|"
    r"does not (work|start|deploy|boot)|"
    # "Ceph health warnings", "HTTP status 403 Forbidden", "database space exceeded", "Too
    # many open files": a warning seen, a refusal, a limit hit, an excess. ("High CPU load"
    # is not here: swift's runbook titles a section so that shows normal and high load and
    # names no cause of the high one.)
    r"warnings?|forbidden|exceeded|"
    # "Got 404 status code", "returns 503", "HTTP 500 error": an HTTP status that refuses
    r"(status( code)?|http|got|gets|returns?|returned|returning) [45]\d\d|[45]\d\d (status|error|response)|"
    # "Why the ZFS volume size is different than the requested size": not what was asked for
    r"(is|are) different (from|than)|differs? from|"
    r"too (many|much|few|long|large|big|slow|small)|"
    # "A false alarm ... is generated", "spurious warnings": a report of a fault not there.
    # ("core dumps" is not here: "PostgreSQL core dumps" heads how to collect them.)
    r"false (alarms?|alerts?|positives?)|spurious|"
    # "Open vSwitch does nothing when I removed a port", "the option has no effect": what was
    # asked for did not happen
    r"(does|do|did) nothing|(has|have|had) no effect|"
    # "If no replies are received", "No datapoint have been received": what should come does not
    r"no [\w-]+ (is|are|was|were|has been|have been) (received|returned|sent|delivered)|"
    # "It is in the configuration but not on the Service Discovery page": the expected
    # state is missing.
    r"but (is |are )?not)\b",
    re.I,
)
# A title that names an activity rather than a failure.
_PROCEDURE = re.compile(
    r"^(troubleshoot(ing)?|diagnos(e|ing)|debugging|checking|restarting|rebuilding|restoring|retrieving|"
    r"patching|backing up|accessing|using|running|review(ing)?|how to|setting up|configuring|handling|verify|"
    r"installing|upgrading|monitoring|testing|measuring|collecting|gathering|reattaching|"
    # ("General Issues", "General problems": the area of a list of known issues, no overview)
    r"preliminary|general(?! (issues|problems|bugs|limitations|errors|failures)$)|overview|introduction|"
    r"additional|further|appendix|references?|"
    r"glossary|terminology|setup|prerequisites|requirements|summary|results?|conclusions?|"
    # "Quickstart", "Getting started", "Tutorial": a walkthrough, which may break things on purpose
    r"quick ?start|getting started|tutorials?|walk-?through|"
    r"(table of )?contents)\b",
    re.I,
)
# "Finding a Failure in the Path", "Isolating the problem", "Locating failed disks": a search; the
# failure it names is what it looks for, not one seen. ("Tracing is not working" names a feature.)
_LOOKS_FOR = re.compile(
    r"^(finding|locating|isolating|identifying|pinpointing|tracking down|narrowing down|tracing|detecting|"
    r"spotting)\s+(?!(is|are|was|were|does|do|did|doesn'?t|isn'?t|fails?|failed|not|won'?t|can(not|'?t)?)\b)",
    re.I)
# "Diagnose: Slow disk devices": the label before a colon is not the title's subject.
_LABEL = re.compile(r"^[A-Z][\w./ -]{0,30}:\s+(?=\S)")
# "3. Troubleshooting Challenges", "2) Run scale.yml": a section's number is not its subject.
_NUMBERING = re.compile(r"^\s*(\d+|[A-Za-z])[.)]\s+(?=\S)")

# Causal statements that are not phrases of one word: a failure under a condition ("If a share
# type contains invalid extra specs, the scheduler will not be able to locate a host", "the
# server will not start if the CRDs are not found"), a failure by an agent ("may get
# corrupted by the process exiting"), a cause named as such ("Transient network issues can be
# the cause", "differences ... that cause errors").
_CONDITIONAL_FAILURE = (
    r"(if|when) [^,.;:]{3,100}, [^.;:]{0,60}?\b(will not|won'?t|cannot|can'?t|can not|"
    r"(is|are|will) (not|un)able to|will( not)? be (unable|able) to|will fail|fails? to|"
    r"(does|do) not (start|work|run|boot|respond)|doesn'?t (start|work|run|boot|respond))"
)
# "`storageClassName` must be an empty string, or you'll find errors like:": a requirement and
# the failure when it is not met; it names the condition at fault and the remedy at once.
# ("It's crucial for this job to succeed; otherwise, the recovery process will fail": the same,
# the requirement said to matter)
_REQUIREMENT_OR_FAILURE = (
    r"((must|has to|have to|needs? to) be|"
    r"(it is|it'?s) (crucial|important|essential|vital|critical|necessary) (for [^.;:]{1,60}? )?to) "
    r"[^.;:]{1,80}?[,;]? (or|otherwise|or else),? "
    r"(you'?ll|you will|you may|(it|this|(the )?[\w-]+( [\w-]+)?) (will|may|might|can))"
)
REQUIREMENT_OR_FAILURE = re.compile(r"\b" + _REQUIREMENT_OR_FAILURE, re.I)
# "You might run into SSL errors with the client if you are not using a recent OpenSSL": a failure
# the reader may meet, then the condition it comes under (the condition first is below).
_MET_IF = (
    r"(you|users?|one|we|it|they) (might|may|will|could|can|would) (also )?"
    r"(run into|encounter|hit|experience|face|see|get) [^.;:]{0,60}?"
    r"\b(errors?|failures?|issues?|problems?|trouble|crash\w*|exceptions?)\b"
    # ("you may hit this error when creating an Issuer": "when" tells the circumstance, no cause)
    r"[^.;:]{0,60}? (if|unless) "
)
MET_IF = re.compile(r"\b" + _MET_IF, re.I)
_CAUSAL = (
    _CONDITIONAL_FAILURE + r"|" + _REQUIREMENT_OR_FAILURE + r"|" + _MET_IF + r"|"
    r"(will not|won'?t|cannot|can'?t|(is|are) unable to|fails? to) \w+( \w+){0,3} (if|when|unless) |"
    # The Problem of a runbook (actions-runner-controller's, gathered20) saying why: "this is
    # caused from the self-update process", "can come up for various reasons like leftovers
    # ...", "it might indicate that you are experiencing disk performance issue", "If you are
    # running many containers ... you might encounter an issue where ..." (the trigger)
    r"(is|are|was|were|be) caused from|"
    r"for (various|several|many|different|multiple|a number of) reasons,? (like|such as|including)|"
    r"(may|might|could|can|usually|often|likely) indicate (that )?|"
    r"(if|when) [^.;:,]{3,100}? (you|it|they) (might|may|will|could|can) "
    r"(encounter|run into|hit|experience)\b|"
    r"(get|gets|got|be|been|become|becomes|is|are|was|were) (corrupted|broken|blocked|interrupted|"
    r"killed|overwritten|disrupted|damaged|lost|stuck)(,? e\.g\.,?|,? for example,?)? (by|because|if|when)|"
    r"(can|could|may|might|is|are|was|were) (also )?(be )?the (root |likely |main |most common )?causes?\b|"
    # ("which creates potential deployment issues": a change that brings them)
    r"(that|which) (can |may |might |could |will |would )?(also )?(cause[sd]?|create[sd]?|introduce[sd]?) "
    r"(the |these |this |an? |some )?((potential|possible|several|many|new) )?([\w-]+ )?"
    r"(errors?|failures?|issues?|problems?|crash\w*)|"
    # a limit hit ("the OS may run into inotify limits", "this limit is being hit")
    r"(run|runs|running|ran) into (the |its |a )?[\w-]+( [\w-]+)? limits?|"
    r"limits? (is|are|was|were) (being )?(hit|reached|exceeded)|"
    # a default or a design that explains it ("By default, a new share does not have any
    # access rules", "Velero doesn't handle the conflict by design", "This is intentional")
    r"by default,? [^.]{0,60}?\b(does not|doesn'?t|do not|don'?t|is not|isn'?t|are not|aren'?t|has no|"
    r"have no|cannot|won'?t)\b|by design|(is|are|was) (intentional|intended|by design|expected behaviou?r)|"
    # attribution to the upstream bug ("The upstream issue for this error is closed ...")
    r"upstream (issue|bug)s? (for|about|of|behind) (this|the|these)|"
    # "One potential explanation for such an error is a misconfiguration in the BMC"
    r"(possible|potential|likely|probable) explanations?\b|"
    # "If port binding succeeds but traffic does not flow, the VLAN configuration on the switch
    # may be incorrect": what is seen, then the fault it points to
    r"(if|when) [^,.;:]{3,100}, [^.;:]{0,80}?\b(may|might|could|is likely to|are likely to) (also )?be "
    r"(incorrect|wrong|misconfigured|missing|invalid|broken|corrupt\w*|stale|outdated|full|exhausted)\b|"
    # "If the queue index is corrupted, the following error is displayed in the logs:": the
    # state that brings the error quoted next. ("If you see the following error" names no
    # state: what the reader sees is the symptom.)
    r"(if|when) (?!you\b|we\b|i\b)[^.;:]{3,200}?, (then )?(the following|this|these|an?) "
    r"(errors?|messages?|warnings?|exceptions?)( \w+){0,2} (is |are |will be |may be |can be |gets? )?"
    r"(displayed|shown|logged|printed|reported|raised|thrown|returned|written|appears?|occurs?)\b|"
    # "If some settings of vCenter do not exist, the plugin will report the following message":
    # the same, with the component that reports it as the subject
    r"(if|when) (?!you\b|we\b|i\b)[^.;:]{3,200}?, (then )?(the |this |it )?([\w-]+ ){0,2}"
    r"(will|would|may|might|can) (report|log|print|show|display|return|raise|throw|emit) "
    r"(the following|this|these|an?) "
    r"(errors?|messages?|warnings?|exceptions?)\b"
)

CAUSE = re.compile(
    # ("The above error can be caused if you miss adding these variables": the condition named)
    r"\b(" + _CAUSAL + r"|(can|could|may|might|will|is|are|was|were) (also )?(be )?caused (by|if|when)|"
    r"caused by|"
    r"the (root )?cause (of [^.]{0,60}\s)?(is|was|are)\b|root cause|because|due to|"
    r"happens? (when|if|because)|"
    r"occurs? (when|if|because)|(this|it) (can|may|might|will|could) (also )?happen|indicates?|"
    # ("The reason provided is `BootstrapFailed`" reads a status field; it names no cause.)
    r"(is|are) the result of|results? from|as a result of|the reason (is|was|for|why|behind|that)|"
    # "Most processing issues are a result of either a misunderstanding ... or a misconfiguration"
    r"(is|are) (usually |often |mostly |commonly |typically )?an? (direct |common |frequent )?result of|"
    r"the (problem|issue) is|"
    # "If no replies are received, it might be that ARP requests are blocked": a cause suspected
    r"(it|this) (might|may|could) (well )?be that|"
    # "You probably missed to set the OPENSSL_ALLOW_PROXY_CERTS variable": a step left out
    r"(you|the (user|operator|administrator)) (have |has )?(probably |likely |may have |might have )?"
    r"(missed|forgot|forgotten|neglected|omitted) (to|setting|configuring|adding|enabling)\b|"
    # "... will also fail on OVS checks, as OVS is not used ...", "... is not supported since the
    # plugin requires a specific version ...": "as" and "since" giving a reason, a subject and its
    # verb after them, after what they explain (not "since Nova 18.0.0, ...", "as shown below";
    # "Since aggregates are how Nova supports grouping, we expect ..." opens a design's rationale)
    r", as (it|they|this|these|the [\w-]+|[\w-]+)( [\w-]+)? (is|are|was|were|will|would|does|do|did|"
    r"requires?|needs?|has|have|cannot|can'?t)\b|"
    r"(?<=\w )since (it|they|this|these|the [\w-]+|[\w-]+)( [\w-]+)? "
    r"(requires?|needs?|is|are|was|were|does|do|has|have|cannot|can'?t)\b|"
    # "BMC credentials may be incorrect or missing.": a fault suspected, named as the cause.
    # ("Failures ... can have a lot of different causes. For example, resources might be
    # misconfigured": an example of what may go wrong in general, no cause of this failure)
    r"(^|[.!?:]\s)(?!\W*(for (example|instance)|e\.g\.))[^.!?:]{0,80}?"
    r"\b(may|might|could) (also )?be "
    r"(incorrect|wrong|misconfigured|invalid|expired|outdated|stale|missing)\b|"
    # "This has been found to be related to the next issue on connectivity": attributed to
    # another problem
    r"found to be (related|linked|due) to|(is|are|was|were) (related|linked) to (the |a |an |another )?"
    r"((next|previous|following|above|below|known|same|other) )?(issue|problem|bug)s?\b|"
    # "Another possible cause is when you have sidecar injection configured", "Possible causes
    # for this include": a cause announced as one of several
    r"another (possible |potential |likely |common )?cause (is|was|could be|may be|might be)|"
    r"(possible|potential|likely|probable|common) causes? (for|of) (this|these|that|it)\b|"
    r"(this|it|that) means|likely (occurring|cause|that)|is likely|known (bug|issue|limitation)s?|"
    r"triggered by|suggests|this is a (bug|limitation)|is not (installed|running|enabled|"
    r"configured|mounted|reachable|used)|"
    r"(does|do) not (yet )?(support|have)|(was|were|is|are) (removed|deleted|changed|missing)|"
    r"has (been )?(changed|removed|expired)|expired|run out of|runs out of|exceed\w*|"
    r"(it|this) (is|was) (a|an) (known )?(bug|issue|limitation|race)|"
    # "<the quoted record> is an issue in RabbitMQ 3.1 on Erlang R16B01+": a defect of a release
    # ("If there is an issue with PVC Create" supposes one: no defect named)
    r"(?<!there )(is|was) (a|an) (known )?(bug|issue|regression|defect) in|"
    # "A broad range of problems result in AMQP channel exceptions": what leads to the failure
    r"(problems?|issues?|conditions?|errors?|misconfigurations?) (that )?(can |may |might |will |often )?"
    r"results? in|"
    # "changes your DNS server configuration which may affect connections": what it disturbs
    r"(which|that) (can|could|may|might|will|would) (also )?(affect|break|interfere with|disrupt)|"
    # "This service overwrites the rules installed for pods, which breaks pod networking": the
    # same, told as what it does
    r"(which|that) (also )?(breaks|disrupts|interferes with)\b|"
    # "... not running on the node might cause the issue": a condition named as the cause.
    # "This may cause errors such as volume mount failures": what causes the failures named
    r"(can|could|may|might|will|would) (also )?cause (the |this |these |that |such |some )?"
    r"(issue|problem|error|failure|crash|outage)s?\b|"
    # "This change however will lead to breakage": what follows is the effect of the
    # condition just named.
    r"(will|would|can|could|may|might) (also )?lead to|"
    # "... needs to store additional encryption overhead. This results in the new volume not being
    # large enough": the condition just named brings the failure ("If the host cannot
    # communicate with Ironic, it will result in a timeout.": the same, told of the condition)
    r"(this|which|that|it) (also )?(results|resulted|will result|would result) in|"
    # ("This leads to issues such as ... when running the agent": the same, in the present)
    r"(this|which|that|it) (also )?(leads|led) to|"
    # Attribution to a bug report names the responsible defect.
    r"see (the )?(bugs?|lp|launchpad|issues?)\b|see (the )?(lp|bug) ?#?\d+|"
    r"(affected by|tracked (in|by|as)|reported (in|as)|filed as) "
    r"(the )?(upstream )?(bugs?|lp|launchpad|issues?)\b)\b",
    re.I,
)
CONDITIONAL_FAILURE = re.compile(r"\b" + _CONDITIONAL_FAILURE + r"\b", re.I)
# The explicit subset: enough to take a cause out of a Problem field.
CAUSE_EXPLICIT = re.compile(
    r"\b(" + _CAUSAL + r"|(is|are|was|were|be) (often |\w+ly )?caused by|because|due to|"
    r"(occurs|happens|appears) (if|when|because)|"
    r"the (root )?cause (of [^.]{0,60}\s)?(is|was)\b|the reason (is|was|for)|(is|are) (\w+ly )?the result of|"
    r"results from|(common|possible|likely|known|several|two|three) causes (for|of)|"
    # "This generally means that some state in the operator is out of sync": what the message
    # says of its cause ("This means you need to ..." says what to do)
    r"(this|that|it) (usually |generally |often |typically |most likely |probably )?means (that )?(?!you\b)|"
    r"causing (this|these|it))\b",
    re.I,
)
FIX = re.compile(
    r"\b(to (resolve|fix|remedy|work ?around|avoid|prevent|solve|correct|recover|address|clear|"
    r"unlock|repair|alleviate|mitigate) "
    r"(this|these|the|it|that|such)|to fix,|(the|a|one) ((quick|simple|easy|possible|temporary|"
    r"permanent|proper|better|only) )?(fix|solution|workaround|resolution|remedy)"
    r"( for (this|that|it|these))? (is|was|would be)|"
    # "Solution is to clear left-over bind mount as root:": the same, with no article
    r"(^|[.!?:]\s)\W*(fix|solution|workaround|remedy) (is|was) to\b|"
    # "To avoid Pod deployment delay, you can raise the warm target": a remedy offered against
    # what it names
    r"(^|[.!?:]\s)\W*to (avoid|prevent|reduce|mitigate) [^.,;:]{1,60}, (you|one|we) (can|could|may|should|"
    r"might want to)\b|"
    r"we ((usually|generally|strongly|always|often|would) )?(suggest|recommend)|(it is|it'?s|is) recommended|"
    # "you may solve this issue by claiming back some space", "you can recover the cluster by
    # deleting the pods": a remedy offered
    r"(you|one|we) (can|may|could|might) (also )?(solve|fix|resolve|remedy|recover|repair|work ?around)\b|"
    # "It is better to use separate storage nodes": the advised alternative
    r"(it is|it'?s) (better|best|advisable|preferable) to|"
    r"recommend(ed)? to|" + _REQUIREMENT_OR_FAILURE + r"|"
    # "Follow [these steps](...). Alternatively, you can specify another Azure location": a
    # remedy by pointer, or another one offered
    # ("migrate all FileStore OSDs to BlueStore by following the upstream documentation")
    r"follow(ing)? (the|these|this) ([\w-]+ )?(steps|instructions|procedure|guide|documentation)|"
    # "Please refer to the [Calico-specific deployment instructions](...)": the same pointer
    r"(please )?refer to (the )?[^.;:]{0,60}?\b(instructions|guide|steps|procedure|workaround)s?\b|"
    # "See :ref:`node states` for instructions on how to put nodes into the correct state"
    r"\bsee [^.;:]{1,80}? for (the )?(instructions|steps|procedure)\b|"
    r"alternatively,? you (can|could|may)|"
    # "The MTU of an internal interface can be explicitly set using the following command::": a
    # setting changed by the command the answer gives
    r"can be (\w+ )?(set|changed|configured|overridden|disabled|enabled|raised|increased|lowered) "
    r"(using|with|by running) the following (commands?|settings?|options?)|"
    # "If you do not want Helm to load this file, you may be able to compile Helm as a static
    # library": a remedy offered with its doubt
    r"(you|one) (may|might|could|should) be able to|"
    # "You have options:" over the remedies (metal3's "Error setting boot mode", gathered20)
    r"you have (\w+ )?(options|choices|alternatives)\b|"

    r"you'(ll|d) (\w+ )?need to|to recover from|to override (this|it|that)|"
    # "This ... requires users to set network policies of their own"
    r"requires? (the )?(users?|you|operators?|administrators?) to|"
    # "set ``FORCE_PREREQ=1``": a setting given its value
    r"set `*[\w.-]+ ?= ?\S+|"
    # "Set sysctl value `net.ipv4.ping_group_range=0 2147483647`": the same, the setting named
    # by its kind first
    r"set (the )?([\w-]+ )?(value|option|parameter|property|variable|flag|setting|key)s? `*[\w.-]+ ?= ?\S+|"
    r"must (be done|be performed|be applied|be run|be set) (after|before|only|manually)|"
    # "In such cases, ``ovs_use_veth`` should be switched to ``False``": a setting to change,
    # in the passive
    # ("CoreDNS caching timeout may need to be decreased from 30 seconds": the same, as a need)
    r"(should|must|(may|might|will|would)( also)? need to|needs? to) (then |instead )?be "
    r"(switched|set|changed|disabled|enabled|turned (off|on)|increased|decreased|raised|lowered|reduced|"
    r"upgraded|updated|downgraded)\b|"
    # "A firewall rule must be added to allow the API server to reach the webhook pod", "Submariner
    # needs to be granted the appropriate security context": what is to be done to it, in the passive
    r"(must|needs? to|has to|have to) (then |also |first )?be (added|granted|allowed|opened)\b|"
    # "If a pool is configured with invalid constraints it must be removed manually": what is to
    # be done to it by hand
    r"(must|needs? to|has to|have to) (then |also |first )?be \w+ed (manually|by hand)\b|"
    r"try (the|using|adding|setting|passing)|"
    # "Try `sudo nerdctl --namespace=k8s.io ps -a` .": a sentence that opens on "Try" offers what to do
    r"(^|[.!?:]\s)\W*try\b|"
    # "Give the user read access.", "Grant the role ...", "Add nodes ...": a sentence that opens
    # on doing something to the system tells what to do
    r"(^|[.!?:]\s)\W*(give|grant|add|allow|open|free|raise|lower|edit|rebuild|reset|unmount|mount|"
    r"downgrade|reinstall|recreate|redeploy|rotate|renew|regenerate|clear|purge|wipe) (the|a|an|it|them|your|"
    r"more|all|at least|some|this|that|these|those)\b|"
    # "... check PLUMgrid services. Start if stopped:": a sentence that opens on "Start" starts
    # what is down ("Start by checking the logs" opens a procedure)
    r"(^|[.!?:]\s)\W*start\b(?! (by|with|from|here)\b)|"
    # "If Nagios is not running, start it:": the same after the condition it remedies
    r",\s+start (it|them|the|this|that)\b|"
    # "Run the following commands:" over what to run, with no purpose named ("Run the following
    # command to check ..." names one: a look)
    r"(^|[.!?:]\s)\W*run the following (commands?|script)(?! (to|in order|for|and|on)\b)|"
    r"please (update|upgrade|downgrade|use|install|reinstall|restart|remove|delete|set|add|change|adjust|"
    r"increase|create|enable|disable|apply)|"
    # "If you don't use a domain, please don't add `domain: ""`": what to leave undone, to avoid it
    r"please (do not|don'?t|never) (add|use|set|run|enable|install|change|specify|put|mount)|"
    r"you (should|must|can try|could try|may want to|might want to|"
    r"((will|would|may|might) )?((likely|probably|also) )?need to)|the (administrator|"
    r"operator|user)s? "
    r"(should|must|needs? to)|make sure|ensure|verify that|check that|"
    # ("it will try to contact the new cluster": what a process attempts, no step of the reader's)
    r"(?<!will )(?<!would )(?<!it )(?<!they )try (to|running|setting|increasing)|"
    r"set (the )?\S+ to|"
    # "the CPU load average can increase to around 30": a quantity that grows, not a step.
    r"(?<!can )(?<!could )(?<!may )(?<!might )(?<!will )(?<!would )(increas(e|ing)|rais(e|ing))|"
    r"restart(ing)?|reboot(ing)?|upgrad(e|ing) to|"
    # ("fsync a raft log update to disk", "an update to the content": the noun, no step)
    r"updat(e|ing) to (?!(disk|server|set|be|it|this|that|its|their|an?)\b)"
    r"(?!the (?!(latest|newest|most recent|new|fixed|patched)\b))|"
    r"replac(e|ing)|re-?run|re-?start|re-?create|re-?install|work-?around|"
    # "the problem can be solved by deleting the old queues": a remedy, in the passive
    r"can be (fixed|resolved|solved|remedied|corrected|avoided|worked around)|"
    # "This warning is often cleared by ensuring peer addresses ... are disjoint": the remedy named
    r"(is|are) (often |usually |typically |generally )?(cleared|fixed|resolved|solved|avoided|prevented) by|"
    r"(was|is|has been) (fixed|resolved)|(fixed|resolved) in|try \w+ing|"
    # ("entries are taking too long to apply", "the apply duration": the verb with no object, the
    # noun, no step)
    # ("this step does not apply since ...": what a step is for, no step)
    r"patch(es)?\b:?|"
    r"(?<!not )(?<!n't )apply (?!(duration|time|latency|rate|phase|loop|entries|requests?)\b)(?=[\w`*\"'])|"
    # ("the install configuration is static", "your install guide": the noun, no step)
    r"(^|[.!?:]\s)\W*apply\b|disable|enable|(?<!the )(?<!your )(?<!an )install (the )?|"
    r"delete (the )?|remove (the )?|safe to ignore|go to)\b",
    re.I,
)
# Advice that is no remedy: "check the logs", "run diagnostics".
_NO_REMEDY = re.compile(
    r"^\W*(examine|check|look at|read|review|inspect)\b[^.]{0,40}\b(logs?|traceback|stack trace)\b|"
    r"^\W*run diagnostics\b",
    re.I,
)
# "Workaround: NA", "Solution: None": the label is there, the remedy is not; "There is currently
# no workaround" says so in words. (A remedy given beside it still counts: see states_no_remedy.)
_REMEDY_MISSING = re.compile(
    r"\b(workarounds?|solutions?|fix|resolution)\s*:\s*(n/?a|none|not available|no|tbd|-+)\W*$|"
    r"\b(there is|there's|there are) (currently |still |yet )?no (known )?(workarounds?|fix|solutions?)\b",
    re.I,
)
# A fix cue that only asks to look: "Check that your cluster is healthy", "you need to
# check the network connectivity", "You should see the response ...", "Make sure the
# pool exists". A diagnostic step, not a remedy. "Make sure"/"ensure" also state
# remedies ("make sure you don't have init: true in daemon.json"), so they count as a
# check only when what follows is a look or a state of existence or health.
_CHECK_CUE = re.compile(r"^(verify that|check that)$", re.I)
_ENSURE_CUE = re.compile(r"^(make sure|ensure)$", re.I)
_CHECK_VERB = re.compile(
    r"^\s*(that\s+)?(to\s+)?(first\s+)?(check|verify|confirm|see|test|look|inspect|examine|find|identify|"
    r"exec|grep|make sure|ensure)\b",
    re.I,
)
# (a dot inside "storageclass.yaml" does not end the clause)
_STATE = re.compile(
    r"^(?:[^.;:]|[.:](?=\S))*?\b(exists?|(is|are) (present|healthy|accessible|reachable|available))\b", re.I
)
_TRY_CUE = re.compile(r"^try( to)?$", re.I)
# (a dot inside "net.core.rmem_max" does not end the clause)
_SETTING_TO_HAVE = re.compile(r"^(?:[^.;:]|[.:](?=\S)){0,80}?\b(is|are) (set|configured) to\b", re.I)
# what only gathers evidence: "get logs from ...", "collect the pod's description"
_GATHERS = re.compile(r"^\s*(to\s+)?(get|collect|gather|fetch|obtain|retrieve|dump|capture|view|read|see)\b"
                      r"[^.;]{0,40}?\b(logs?|traces?|events|descriptions?|output|details)\b", re.I)
_WHO = re.compile(r"^(you|the (administrator|operator|user)s?)\b", re.I)
# "it might be helpful to increase the Kubelet log level", "make sure the scheduler runs in
# debug mode": more logging shows the problem, it does not remedy it.
_MORE_LOGGING = re.compile(
    r"\b(log(ging)?[ -]level|verbosity|verbose|debug (mode|logging|logs?|level)|--v=\d|--debug)\b", re.I)


def asks_for_more_logging(text: str) -> bool:
    """"Increase the log verbosity for detailed debugging output": a look, no remedy."""
    return bool(_MORE_LOGGING.search(text))


# Imperative headings name a fix: "Disable AppArmor", "Adding indexes".
_FIX_HEADING = re.compile(
    # "Ways to improve performance", "Mitigate by waiting longer": remedies under a failure
    r"^((ways|options|steps) to )?(mitigate|mitigating|mitigation|work ?around|speed up|tune|tuning|reduce|"
    r"reducing|improve|improving|disable|enable|activate|deactivate|set|increase|raise|use|restart|reboot|install|upgrade|update|add|adding|remove|"
    # "Setting the `CF_API_URL` env variable in the manifest" under "Console fails to start"
    r"setting|enabling|disabling|increasing|raising|installing|upgrading|updating|configuring|specifying|adjusting|"
    r"ensure|make sure|"  # "Ensure prerequisites are up to date": a step, no failure
    r"removing|delete|deleting|replace|replacing|change|changing|configure|force|forcing|fix|fixing|"
    r"create|creating|"  # ("Creating the XFS partition": making a thing, as "Adding indexes")
    r"recover|recovering|resolve|resolving|avoid|avoiding|clean|cleaning|stop|stopping|"
    # "Rebuilding", "Reattaching" do something again; "Refusing", "Returning", "Reporting" do not
    r"re(?!(fus|ject|turn|ceiv|ad|port|quest|main|sult|ly|ach|nder|spond|fer|flect)\w*ing\b)\w+ing)\b",
    re.I,
)
# An error-level log record or a quoted failure, as opposed to a command or normal output.
ERROR_WORDS = re.compile(
    r"\b(error|errors|err|exception|fail\w*|fatal|critical|crit|warning|warn|traceback|denied|refused|"
    r"unable|cannot|can't|could not|not found|timed out|timeout|invalid|violation|panic|abort\w*|"
    r"killed|oom|corrupt\w*|unreachable|not a block device|no valid host|is locked|in use|"
    r"not acceptable|not permitted|not allowed|expired|missing|bad request|not mounted|not connected|"
    r"no such file|\w+Error|"
    r"\w+Exception)\b",
    re.I,
)


# "aws-agent crashing with below error", "Errors like the following", "the above message": a text
# that points to a record quoted next to it is not that record.
_POINTS_TO_A_RECORD = re.compile(
    r"\b(below|following|above|next) (errors?|messages?|exceptions?|warnings?|logs?|output|tracebacks?|"
    r"stack ?traces?)\b|\b(errors?|messages?|exceptions?|warnings?)\b[^.]{0,40}\b(following|below)\b",
    re.I)


def points_to_a_record(text: str) -> bool:
    return bool(_POINTS_TO_A_RECORD.search(text))


# "This is commonly the result of ...", "The problem occurs because ...": a sentence about
# the problem itself, not about the step next to it.
_ABOUT_THE_PROBLEM = re.compile(
    r"^\W*(this|it|that|the (issue|problem|error|failure|warning)|what is happening here)\b[^.]{0,40}?"
    r"\b(caused by|because|due to|result of|results from|happens|occurs)\b", re.I)


def explains_the_problem(sentence: str) -> bool:
    return bool(_ABOUT_THE_PROBLEM.search(sentence))


# Remembered: deciding a section asks for its title's subject again and again (is_symptom_title
# alone six times), 120,000 calls for the 5 MiB bench document, whose few dozen headings
# repeat thousands of times, as "Symptoms" and "Solution" do in any report. Pure.
@functools.lru_cache(maxsize=4096)
def unnumbered(title: str) -> str:
    """A section's title without its number ("2. ", "b) ")."""
    return _NUMBERING.sub("", title.strip())


def subject(title: str) -> str:
    return _LABEL.sub("", unnumbered(title))


# "I changed the BMC password, and now ...", "My configdrive download fails": a
# heading in the first person is somebody's complaint.
# ("I/O Performance": the I of I/O is no pronoun)
_FIRST_PERSON = re.compile(r"^(I|I'm|I've|I'd|My|We|We're|Our)\b(?!/)", re.I)


# "What's a VLAN?", "How do I configure ...?": a question asking for a
# definition or a how-to, not about something going wrong.
_HOW_TO_QUESTION = re.compile(
    # ("In layer 2 mode, how to specify the host interface ...?": the mode it is asked in first)
    r"^(Q\s*:\s*)?((in|on|with|for|under|using) [^,?]{1,40}, )?(what\b|how\b(?! come)|which|where|when|who|"
    # "Does OVS support QoS?", "Is there any documentation ...?": asking what is so.
    r"(does|do|did|is|are|was|were|has|have|can|could|will|would|should|may)\b(?!n'?t)|"
    r"why (would|should) (i|we|you|one)\b|"
    # "Why an odd number of cluster members?": a "why" with no verb asks for a rationale.
    # ("Why the ZFS volume size is different than ...": with its verb, it asks what causes it)
    r"why (a|an|the|not)\b(?![^?]*\b(is|are|was|were)\b)|"
    # "Why doesn't Open vSwitch support distribution?": why a feature is not there, a design question
    r"why (doesn'?t|does not|don'?t|do not|isn'?t|is not)\b[^?]{0,40}\bsupport|"
    # "Why does OVS pick its default datapath ID the way it does?": the rationale of a behaviour
    r"why (does|do|did|is|are|was|were) [^?]{1,80}\b(the way (it|they|that) (does|do|did|is|are|works?)|"
    r"this way|that way|like (this|that))\s*\?)", re.I)
# "What is failure tolerance?": a question asking for a definition, whatever its words.
_DEFINITION_QUESTION = re.compile(r"^what (is|are) (a |an |the )?[\w-]+( [\w-]+){0,2}\s*\?$", re.I)
# "What does the etcd warning "apply entries took too long" mean?", "... and how do I fix
# it?": asking what a quoted message means, or how to fix something, is asking about a problem.
_MEANING_QUESTION = re.compile(
    r"^what does\b.{0,40}?[\"“`'][^\"”`']{4,}[\"”`'].{0,30}\bmean\b|"
    r"\bhow (do|can|should|would) (i|we|you|one) (fix|resolve|solve|repair|recover from|get rid of)\b|"
    # "What can I do about RabbitMQ not wanting to start ...?": asking for a remedy
    r"^what (can|could|should|do) (i|we|you|one) do (about|if|when)\b", re.I)


def asks_meaning(title: str) -> bool:
    """A question about what a quoted message means, or how to fix something."""
    return bool(_MEANING_QUESTION.search(subject(title)))


_PROCEDURE_QUESTION = re.compile(
    r"\bhow (do|can|should|would|to) (i |we |you |one )?"
    r"(troubleshoot|debug|diagnose|investigate|check|find out)\b",
    re.I)


_HOW_QUESTION = re.compile(r"^\W*(Q\s*:\s*)?how (do|can|should|would|to) (i |we |you |one )?(\w+)", re.I)


def asks_why(title: str) -> bool:
    """"Why the ZFS volume size is different than the requested size in PVC": a heading opening
    on "Why" asks, with its question mark or without ("Why would I ...?" asks for a rationale)."""
    text = subject(title).strip()
    return bool(re.match(r"why\b", text, re.I)) and not _HOW_TO_QUESTION.match(text)


def asks_how(title: str) -> bool:
    """"I'm okay with deleting, how do I tell IPA to clean the disk(s)?", "How do I get it to
    use the FQDN ...?": asking how to do something, not how to investigate it."""
    text = subject(title)
    clauses = [text, *re.split(r"[,;:]\s+", text)[1:]]
    return any(_HOW_QUESTION.match(c) for c in clauses) and not asks_for_a_procedure(title)


def asks_for_a_procedure(title: str) -> bool:
    """"Argo CD is unable to connect to my cluster, how do I troubleshoot it?": steps to take."""
    return bool(_PROCEDURE_QUESTION.search(title))


# "When I add a Helm repo, I get the error ...", "On GKE I get ...": a complaint whose main
# clause is in the first person, after the circumstance it happens in. ("we", "our" are left
# out there: "If you use X, we recommend Y" is the author's voice.)
_CIRCUMSTANCE_FIRST = re.compile(
    r"^(when|whenever|if|after|before|while|since|on|during|once)\s+[^,?]{1,80}?,?\s+(?=((?-i:I)|I'm|I've|I'd|my)\b)",
    re.I)


# "I hear OVS has a couple of kinds of flows. Can you tell me about them?": what one has heard
# or read is no complaint, unless what follows names a failure.
_HEARSAY = re.compile(
    r"^(I|we)('ve| have)? (hear|heard|read|understand|know|learned|learnt|was told|am told)\b", re.I)


# "I want to ...", "I'd like to ...", "I don't need X. How do I disable them?", "I'm afraid you
# will mess up my records": a wish or a fear, no complaint, unless what follows names a failure.
WISH = re.compile(
    r"^(I|we)('d| would| do not| don'?t)? (want|like|need|wish|plan|intend)|"
    # "My dockerized app needs to check the request of ...": what one's own thing has to do
    r"^(my|our) [\w-]+( [\w-]+){0,3} (needs|wants|has|must|should) to\b|"
    r"^(I'm|I am|we're|we are) (trying|planning|afraid|worried|concerned)", re.I)


# "If you want to keep the logs but do not wish to download them, ...": a condition that is what the
# reader wants; its negations are choices, no failure.
_WISHED = re.compile(
    r"^\W*(if|when|whenever|in case|should) (you|we|one|users?|operators?|administrators?)( \w+)? "
    r"(want|wants|wish|wishes|would like|'d like|prefer|prefers|intend|plan|choose|decide|are planning)\b",
    re.I)


def is_wished(condition: str) -> bool:
    return bool(_WISHED.match(condition))


def complaint(title: str) -> str:
    """The first-person clause of a title ("I get the error ..."), or ""."""
    text = subject(title)
    circumstance = _CIRCUMSTANCE_FIRST.match(text)
    said = text if _FIRST_PERSON.match(text) else text[circumstance.end():] if circumstance else ""
    hearsay = _HEARSAY.match(said)
    return "" if hearsay and not names_failure(said[hearsay.end():]) else said


def is_wish(title: str) -> bool:
    """A first-person title that only wishes or fears (see WISH)."""
    said = complaint(title)
    wish = WISH.match(said)
    return bool(wish) and not names_failure(said[wish.end():])


def is_first_person(title: str) -> bool:
    return bool(complaint(title))


# "My question is not answered in the documentation", "My problem isn't listed here", "Can't
# find your answer?": a FAQ's last entry, pointing to support; what fails is the page, not the
# system, and its advice (search, ask the community) is no remedy.
_BEYOND_THE_DOCUMENT = re.compile(
    r"\b(question|problem|issue|error|answer)s? (is|are|was|were)(n'?t| not) "
    r"(yet )?(answered|covered|listed|found|here|addressed)\b|"
    r"\b(can'?t|cannot|could ?n[o']t|didn'?t|did not) find (what|your|my|an?|the) (answer|solution|question|"
    r"problem|issue|you)|"
    # "I have not found an answer to my question and am having trouble ...": the same, in the perfect
    r"\b(have|has)(n'?t| not) (yet )?found (what|your|my|an?|the|any) (answer|solution)|"
    # "If the issue that you are having does not appear here, please check the project's issues":
    # the same, its subject apart from its verb
    r"\b(question|problem|issue|error)s?\b[^.]{0,40}?\b(does|do|did|is|are)(n'?t| not) (appear|show up|"
    r"listed|covered|described|mentioned)\b[^.]{0,10}?\b(here|above|below|on this page|"
    r"in this (page|document|guide|list))\b", re.I)


# "If you run into build problems", "When users hit issues with ...": trouble the reader meets,
# whatever the verb ("encounter", misspelt or not).
_MEETS_TROUBLE = re.compile(
    r"^\W*(if|when|whenever|in case|should) (you|we|users?|one|operators?|administrators?)( \w+)? [\w-]+ "
    r"(an? |any |some |the )?([\w-]+ ){0,3}(issues?|problems?|trouble)\b", re.I)
# "please open an issue", "file a bug", "contact support": reporting the problem, no remedy of it
_REPORT = re.compile(
    r"\b(open|create|file|raise|submit|report)\b[^.]{0,30}?\b(issues?|bugs?|tickets?|pull requests?|prs?)\b|"
    r"\b(contact|reach out to|ask) (us|the|our|your|support|a maintainer)\b", re.I)


def meets_trouble(condition: str) -> bool:
    return bool(_MEETS_TROUBLE.match(condition)) and not is_wished(condition)


def asks_to_report(text: str) -> bool:
    return bool(_REPORT.search(text))


def points_beyond_the_document(text: str) -> bool:
    """"If your problem is not listed here, open an issue": the text sends the reader elsewhere
    with a problem the page does not cover."""
    return bool(_BEYOND_THE_DOCUMENT.search(" ".join(text.split())))


# "I deleted the pool, but its volume group is still there. Is that expected?" answered "Yes, this is
# the expected behavior.": a question whether what is seen is meant, its answer saying it is; a
# behaviour confirmed, no failure. (Answered "Partly. Most fields are immutable ...", it is one.)
_ASKS_IF_EXPECTED = re.compile(
    r"\b(is|was|are) (that|this|it|these|they) (the )?(expected|acceptable|normal|intended|correct|by design)"
    r"( behaviou?r)?\s*\?", re.I)
_AFFIRMS_EXPECTED = re.compile(
    r"^\W*(yes\b|(this|that|it) is (the |an? )?(expected|intended|normal|correct)( behaviou?r)?\b|"
    r"(this|that|it) is by design\b|(this is |it is |it'?s )?(working )?as (designed|intended|expected)\b)",
    re.I)


def confirms_expected(title: str, answer: str) -> bool:
    """The title asks whether a behaviour is expected and the answer's first sentence says it is."""
    return bool(_ASKS_IF_EXPECTED.search(title)) and bool(_AFFIRMS_EXPECTED.match(answer))


# "Cross-account: what happens if a mount target's AZ goes down?": a hypothetical, asking how
# the system behaves when something fails, not a failure seen; its answer describes a design.
_HYPOTHETICAL = re.compile(r"\bwhat (happens|will happen|would happen|should happen) (if|when|to)\b", re.I)
_WHAT_HAPPENS = re.compile(
    r"^\W*what (happens|occurs|will (happen|occur)|would (happen|occur)) (if|when|to)\b", re.I)


def asks_what_happens(title: str) -> bool:
    """"What occurs if I lose majority in my DCS cluster?": a question whose answer says whether
    anything goes wrong (then the answer tells the failure), or how the system copes."""
    return bool(_WHAT_HAPPENS.match(subject(title)))


# "Why does Patroni require a separate cluster of DCS nodes while other solutions like repmgr
# do not?": the rationale of a design's requirement; what the others "do not" is no failure.
# "Why it's best to use UUID of disk in mount point path", "Why I need to bind mount normal
# directories ...": why a practice is advised or a step required, no failure either.
# ("Why is it not recommended to use RAID ...?", "Why do you recommend using local disks?": why a
# practice is advised against, or advised, is the same rationale)
_RATIONALE = re.compile(
    r"^\W*why (does|do) [\w-]+( [\w-]+)? (require|need|recommend|advise|suggest|prefer)s?\b|"
    r"^\W*why (it'?s|it is|is it)( not)? (best|better|recommended|preferred|advised|important|necessary|"
    r"required)\b|"
    r"^\W*why (do )?(i|we|you|one) (need|have|must|should)( to)?\b", re.I)


def is_symptom_title(title: str) -> bool:
    if _BEYOND_THE_DOCUMENT.search(subject(title)) or _HYPOTHETICAL.search(subject(title)) \
            or _RATIONALE.match(subject(title)) or _LOOKS_FOR.match(subject(title)):
        return False
    if _MEANING_QUESTION.search(subject(title)):
        return True
    if is_wish(title):
        return False  # "I don't need notifications ... How do I disable them?": a choice, no failure
    if _DEFINITION_QUESTION.match(subject(title).strip()):
        return False
    # "Nova RPC version mismatches: upgrading Neutron and Nova": a label may name the failure.
    if _SYMPTOM.search(_without_missing_features(title)):
        return True
    title = subject(title)
    # "How can I configure the MTU? Why does Open vSwitch keep changing it?": any
    # question in it that is not a how-to asks about something going wrong.
    # ("Which ports does Weave Net use (e.g. if I am configuring a firewall) ?": an abbreviation's
    # full stop ends no question)
    asked = _ABBREVIATION.sub(lambda m: m.group(0).replace(".", " "), title.strip())
    questions = re.findall(r"(?:^|(?<=[.!?]) )([^.!?]*\?)", asked + ("?" if asks_why(title) else ""))
    question = any(not _HOW_TO_QUESTION.match(q.strip()) for q in questions)
    return bool(question or (_FIRST_PERSON.match(title) and is_first_person(title) and not is_wish(title)))


_ABBREVIATION = re.compile(r"\b(e\.g|i\.e|etc|vs|cf)\.", re.I)


_GENERIC_TROUBLE = re.compile(r"\b(issues?|problems?|bugs?|trouble)\b", re.I)


def names_failure(title: str) -> bool:
    """A failure named by more than a generic word: "Using /dev/sda does not write to the
    first disk" does, "Troubleshooting instance connectivity issues" does not."""
    if _LOOKS_FOR.match(subject(title)):
        return False
    return bool(_SYMPTOM.search(_GENERIC_TROUBLE.sub(" ", _without_missing_features(title))))


# "Snapshots can be created only for thin volumes", "Resizing is supported only offline", "The
# agent can only watch one namespace": what a feature is limited to.
_SCOPE = re.compile(
    r"\b(can|may|could) (only|(be|get) \w+ only)\b|\b(is|are) (only )?(supported|available|allowed|possible) "
    r"only\b|\b(is|are) only (supported|available|allowed|possible)\b|\bonly works?\b", re.I)


def states_a_scope(title: str) -> bool:
    return bool(_SCOPE.search(title))


# "Why doesn't Open vSwitch support distribution?", "I'd like ... some QoS feature that Open
# vSwitch doesn't yet support": a feature not there is a design question or a wish, no failure
# (as "Does ... support ...?" asks none). ("X is not supported" as a message still names one.)
_MISSING_FEATURE = re.compile(
    r"\b(doesn'?t|does not|don'?t|do not|won'?t|will not)\b(?=[^.?!,;]{0,40}\bsupport\b)|"
    # "Why isn't $MY_FAVORITE_DISTRO supported?": the same question in the passive
    r"\b(isn'?t|is not|aren'?t|are not)\b(?=[^.?!,;\"“`]{0,40}\bsupported\b)", re.I)


def _without_missing_features(title: str) -> str:
    return _MISSING_FEATURE.sub(" ", title) if "?" in title or _FIRST_PERSON.match(subject(title)) else title


# "This is common with BGP because ...", "It happens when ...": a sentence about what was
# said before it (its section's subject), not one naming a subject of its own.
_REFERS_BACK = re.compile(r"^\W*(this|that|these|those|it|they|such)\b", re.I)


def refers_back(sentence: str) -> bool:
    return bool(_REFERS_BACK.match(sentence))


# "Tip: Running a large cluster", "Hint: ...": a label that says the section is advice
_TIP = re.compile(r"^\W*(pro )?(tip|hint)s?\s*[:\-–—]\s*\S", re.I)


def is_tip(title: str) -> bool:
    return bool(_TIP.match(unnumbered(title)))


# "Determine if a cluster member is missing", "Check whether the pod runs": a check of whether
# the failure is there, a step of the procedure, no failure seen
_CHECKS_WHETHER = re.compile(r"^(determine|check|verify|confirm|find out|test|see)\s+(if|whether)\b", re.I)


def is_procedure_title(title: str) -> bool:
    text = subject(title)
    return bool(_PROCEDURE.match(text) or _LOOKS_FOR.match(text) or _CHECKS_WHETHER.match(text))


def looks_for(title: str) -> bool:
    """"Identifying Blocked Transactions", "Finding a Failure in the Path": a search."""
    return bool(_LOOKS_FOR.match(subject(title)))


def is_fix_heading(title: str) -> bool:
    return bool(_FIX_HEADING.match(subject(title)))


# "We do not know the cause of this error": no cause is named.
UNKNOWN_CAUSE = re.compile(
    r"\b((do|does|did) not|don'?t|doesn'?t|didn'?t) (yet )?know (the|its|what|why)\b|"
    r"\b(cause|reason)( of [^.]{0,60}?)? (is|remains|are) (still )?(unknown|unclear|not (yet )?known)\b|"
    r"\bunknown (root )?cause\b", re.I)


# "it will be easy to understand if the issue is caused only by a subset of the nodes": a
# cause asked about, in a clause that says what to find out, is no cause stated.
_ASKED = re.compile(
    r"\b(understand|see|check|find out|determine|tell|verify|confirm|know)\s+(if|whether)\b[^.;]*", re.I)


# "This page documents the list of known issues and possible workarounds.": a sentence about the
# document itself says what it holds; the cue words in it ("known issues", "workarounds") are of
# the issues it goes on to tell, none of its own.
_ABOUT_THE_DOCUMENT = re.compile(
    # (Only verbs of listing: "This section explains why the pods crash because ..." tells an issue.)
    r"(?:^|(?<=[.!?:]\s))\W*(this|the present|the following) (page|document|section|guide|chapter|article|"
    r"topic|doc|list|table) (also |only )?(documents|lists|covers|contains|collects|gathers|enumerates|"
    r"provides|outlines|summari[sz]es|tracks|includes|details)\b[^.!?]*[.!?]?|"
    # "In this document, we describe how to figure out what the problem is": the same, its
    # authors speaking
    r"(?:^|(?<=[.!?:]\s))\W*(in )?this (page|document|section|guide|chapter|article|topic|doc),? "
    r"(we|you will|you'll) (also )?(describe|explain|show|cover|discuss|detail|outline|learn|see|look at)\b"
    r"[^.!?]*[.!?]?|"
    # "If you are using the managed driver, this step does not apply since the controller is not
    # visible": a sentence on where the document's steps apply; its "since" is no failure's cause
    r"(?:^|(?<=[.!?:]\s))(?:[^.!?]|[.!?](?=\S))*\b(this|these|the following|the above) (step|steps|section|"
    r"procedure|instructions?|commands?) (does|do) not apply\b(?:[^.!?]|[.!?](?=\S))*[.!?]?",
    re.I)


def without_the_document(text: str) -> str:
    """`text` with its sentences about the document itself blanked (same length)."""
    return _ABOUT_THE_DOCUMENT.sub(lambda m: " " * len(m.group(0)), text)


# "Try sending the data directly to the backend to narrow down the problem space": a step whose
# purpose is to find where the problem is, a diagnostic, no remedy of it.
_FOR_DIAGNOSIS = re.compile(
    r"(?:^|(?<=[.!?]\s))[^.!?]*\b(in order )?to (help )?(narrow (it |this |the \w+ )?down|pinpoint|rule out|"
    r"isolate (the |this |that )?(problem|issue|cause|failure|fault)|"  # ("to isolate the node" fences it)
    r"find out where|figure out where|determine where|see where|locate where)\b[^.!?]*[.!?]?|"
    # "To find the pid use below replacing the pid value": a sentence whose purpose is to find a
    # thing out looks, whatever it has the reader do on the way
    r"(?:^|(?<=[.!?]\s))\W*to (find|identify|locate|list|look up) (the|which|what|where|all|any)\b"
    r"[^.!?]*[.!?]?|"
    # "Once you are done, exit the pod and delete it.": the clean-up after a look (a debug pod)
    r"(?:^|(?<=[.!?]\s))\W*(once|when|after) (you are|you're|you have|you've) (done|finished)\b[^.!?]*[.!?]?",
    re.I)


def without_diagnostic_steps(text: str) -> str:
    """`text` with its sentences that only look for the problem blanked (same length)."""
    return _FOR_DIAGNOSIS.sub(lambda m: " " * len(m.group(0)), text)


def without_questions(text: str) -> str:
    """`text` with the clauses that ask whether something is so blanked (same length)."""
    return _ASKED.sub(lambda m: " " * len(m.group(0)), text)


class CaselessStart:
    """Where a case-insensitive pattern first matches in a text (-1: nowhere).

    The pattern is searched without re.I in the text folded (ascii_folded):
    the same match (folding keeps the text's length, and the pattern is
    ASCII, with no capital letter nor a flag of its own for re.I to change),
    twice as fast as with re.I for CAUSE and FIX, whose alternatives Python's
    matcher cannot skip by their first letter when it has to fold case; and
    at each word only the alternatives that can begin with its first letter
    are tried (kb.rst.dispatch). They are tried on every sentence of every
    section: CAUSE took 1.6 µs of CPU per character, non-ASCII text searched
    with re.I, and takes 0.4 now (the 511,000 characters it was searched in
    while reading the 2 MiB bench document, the real corpus and gathered20,
    2026-12-06).
    """

    def __init__(self, pattern: re.Pattern):
        self.pattern = pattern
        self.lowered = FirstCharDispatch(without_case(pattern))

    def start(self, text: str) -> int:
        return self.lowered.start(ascii_folded(text))


def without_case(pattern: re.Pattern) -> re.Pattern:
    """`pattern` without re.I, to be searched in ascii_folded text: the same matches, the same spans.

    For a pattern with re.I whose letters are ASCII and lowercase, with no
    flag of its own (other characters in it, such as quotes, have no case).
    """
    letters = re.sub(r"\\.", "", pattern.pattern)
    if not pattern.flags & re.I or re.search(r"[A-Z]|\(\?([a-z]+(-[a-z]*)?|-[a-z]+)[:)]", letters) or any(
            not char.isascii() and (char.lower() != char or char.upper() != char or _ascii_letter(char))
            for char in letters):
        raise ValueError("a pattern with re.I, no capital or non-ASCII letter and no inline flags")
    return re.compile(pattern.pattern, pattern.flags & ~re.I)


_ASCII_LOWER = {ord(char): ord(char.lower()) for char in string.ascii_uppercase}
_ASCII_LETTER = re.compile("[a-z]", re.I)


def ascii_folded(text: str) -> str:
    """`text` with every letter re.I takes for an ASCII letter written as that letter, lowercase.

    An ASCII pattern without capitals matches `text` with re.I where it
    matches this without: each character still matches the same literals
    and classes (the Kelvin sign K is `k` and a word character both ways;
    `İ`, `ı` are `i`, `ſ` is `s`), and the length is the same (lower() gives
    `İ` two characters).
    """
    if text.isascii():
        return text.lower()
    table = dict(_ASCII_LOWER)
    for char in set(text):
        letter = None if char.isascii() else _ascii_letter(char)
        if letter:
            table[ord(char)] = letter
    return text.translate(table)


@functools.lru_cache(maxsize=4096)
def _ascii_letter(char: str) -> str | None:
    """The ASCII letter re.I takes `char` for, if any."""
    if not _ASCII_LETTER.fullmatch(char):
        return None
    return next(letter for letter in string.ascii_lowercase if re.fullmatch(letter, char, re.I))


CAUSE_START, FIX_START = CaselessStart(CAUSE), CaselessStart(FIX)


def states_cause(text: str) -> bool:
    return CAUSE_START.start(text) >= 0


def states_fix(text: str) -> bool:
    return FIX_START.start(text) >= 0 and not states_no_remedy(text)


def states_no_remedy(text: str) -> bool:
    if _NO_REMEDY.search(text):
        return True
    return bool(_REMEDY_MISSING.search(text)) and not FIX.search(_REMEDY_MISSING.sub(" ", text))


def plain(text: str) -> str:
    """Markup is no word: "See [LP #1882508](...)", "see bug `LP #1825999`_", "Use `x` to"."""
    return re.sub(r"[\[\]`*_]+(?=\w)|(?<=\w)[\[\]`*_]+", "", text)


def states_remedy(text: str) -> bool:
    """A sentence with a fix cue that is more than a check ("make sure", "verify that")."""
    text = plain(text)
    if states_no_remedy(text) or _MORE_LOGGING.search(text) or not without_diagnostic_steps(text).strip():
        return False
    for match in FIX.finditer(text):
        cue = " ".join(match.group(0).split())
        after = text[match.end():]
        if _SETTING_TO_HAVE.match(after):
            # "make sure to check if the FORWARD policy is set to ACCEPT": the value a setting is to
            # have, checked or not, is what to set
            return True
        if _CHECK_CUE.match(cue) or (_WHO.match(cue) and _CHECK_VERB.match(after)):
            continue
        if _ENSURE_CUE.match(cue) and (_CHECK_VERB.match(after) or _STATE.match(after)):
            continue
        if _TRY_CUE.match(cue) and _GATHERS.match(after):
            continue  # "try to get logs from the leader controller pod": a look, no remedy
        return True
    return False


def is_remedy(text: str) -> bool:
    """A table cell or bullet that gives a remedy, not only "examine the logs"."""
    text = " ".join(text.split())
    return bool(text) and not states_no_remedy(text)


def reads_as_error(text: str) -> bool:
    return bool(ERROR_WORDS.search(text))
