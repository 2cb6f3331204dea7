namespace PatchReview.Testing;

/// <summary>Facts of the zPCI series in zpci-series.mbox.gz, read from the mail, that several test projects assert.</summary>
public static class ZpciSeries
{
    /// <summary>The subjects of [PATCH v7 01/22] .. [PATCH v7 22/22], as posted; patch k is 20220513191509.272897-(k+1)-mjrosato@linux.ibm.com.</summary>
    public static readonly string[] V7Titles =
    [
        "s390/sclp: detect the zPCI load/store interpretation facility",
        "s390/sclp: detect the AISII facility",
        "s390/sclp: detect the AENI facility",
        "s390/sclp: detect the AISI facility",
        "s390/airq: pass more TPI info to airq handlers",
        "s390/airq: allow for airq structure that uses an input vector",
        "s390/pci: externalize the SIC operation controls and routine",
        "s390/pci: stash associated GISA designation",
        "s390/pci: stash dtsm and maxstbl",
        "vfio/pci: introduce CONFIG_VFIO_PCI_ZDEV_KVM",
        "KVM: s390: pci: add basic kvm_zdev structure",
        "KVM: s390: pci: do initial setup for AEN interpretation",
        "KVM: s390: pci: enable host forwarding of Adapter Event Notifications",
        "KVM: s390: mechanism to enable guest zPCI Interpretation",
        "KVM: s390: pci: provide routines for enabling/disabling interrupt forwarding",
        "KVM: s390: pci: add routines to start/stop interpretive execution",
        "vfio-pci/zdev: add open/close device hooks",
        "vfio-pci/zdev: add function handle to clp base capability",
        "vfio-pci/zdev: different maxstbl for interpreted devices",
        "KVM: s390: add KVM_S390_ZPCI_OP to manage guest zPCI devices",
        "KVM: s390: introduce CPU feature for zPCI Interpretation",
        "MAINTAINERS: additional files related kvm s390 pci passthrough",
    ];
}
