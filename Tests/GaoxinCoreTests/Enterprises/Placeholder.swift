import Testing
@Test func placeholderEnterprise() {}
